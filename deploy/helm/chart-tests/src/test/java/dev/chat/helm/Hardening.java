package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;

/** The security settings every pod of the chart must have. */
final class Hardening {

    private Hardening() {
    }

    /** {@code podSpec}'s and its only container's security settings, and the writable /tmp. */
    static void assertHardened(String what, JsonNode podSpec, JsonNode container) {
        JsonNode pod = podSpec.path("securityContext");
        JsonNode own = container.path("securityContext");
        assertAll(what,
                () -> assertTrue(pod.path("runAsNonRoot").asBoolean(false), "pod runAsNonRoot"),
                () -> assertEquals(185, pod.path("runAsUser").asInt(), "pod runAsUser"),
                () -> assertEquals(185, pod.path("runAsGroup").asInt(), "pod runAsGroup"),
                () -> assertEquals("RuntimeDefault", pod.path("seccompProfile").path("type").asText(), "pod seccompProfile"),
                () -> assertEquals(false, podSpec.path("automountServiceAccountToken").asBoolean(true), "automountServiceAccountToken"),
                () -> assertTrue(own.path("runAsNonRoot").asBoolean(false), "container runAsNonRoot"),
                () -> assertEquals(false, own.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation"),
                () -> assertTrue(own.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFilesystem"),
                () -> assertFalse(own.path("privileged").asBoolean(false), "privileged"),
                () -> assertEquals(List.of("ALL"), Manifests.texts(own.path("capabilities").path("drop")), "capabilities.drop"),
                () -> assertTrue(own.path("capabilities").path("add").isMissingNode(), "no capabilities added"),
                () -> assertEquals("RuntimeDefault", own.path("seccompProfile").path("type").asText(), "container seccompProfile"),
                () -> assertWritableTmp(podSpec, container));
    }

    /** /tmp is an emptyDir: the one writable place on the read-only root file system. */
    static void assertWritableTmp(JsonNode podSpec, JsonNode container) {
        JsonNode mount = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted at /tmp"));
        JsonNode volume = StreamSupport.stream(podSpec.path("volumes").spliterator(), false)
                .filter(v -> mount.path("name").asText().equals(v.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + mount.path("name").asText()));
        assertTrue(volume.has("emptyDir"), "the /tmp volume is an emptyDir: " + volume);
        assertFalse(mount.path("readOnly").asBoolean(false), "/tmp is writable");
    }
}
