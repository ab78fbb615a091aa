package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceInstancesTest {

    private static final List<String> GIVEN = List.of("-Xmx512m", "-XX:+UseParallelGC");

    @Test
    void withoutOptionsServicesAndGatewaysGetTheirMeasuredDefaults() {
        ServiceInstances instances = new ServiceInstances(ServiceInstances.defaultPorts(), 1, 1, null, null);

        assertEquals(ServiceInstances.SERVICE_JVM_OPTIONS, instances.jvmOptionsOf("message"));
        assertEquals(ServiceInstances.GATEWAY_JVM_OPTIONS, instances.jvmOptionsOf("gateway"));
    }

    @Test
    void servicesOptionsGivenAloneApplyToTheGatewaysToo() {
        ServiceInstances instances = new ServiceInstances(ServiceInstances.defaultPorts(), 1, 1, GIVEN, null);

        assertEquals(GIVEN, instances.jvmOptionsOf("delivery"));
        assertEquals(GIVEN, instances.jvmOptionsOf("gateway"));
    }

    @Test
    void gatewayOptionsGivenApplyToTheGatewaysOnly() {
        ServiceInstances instances = new ServiceInstances(ServiceInstances.defaultPorts(), 1, 1, null, GIVEN);

        assertEquals(ServiceInstances.SERVICE_JVM_OPTIONS, instances.jvmOptionsOf("inbox"));
        assertEquals(GIVEN, instances.jvmOptionsOf("gateway"));
    }
}
