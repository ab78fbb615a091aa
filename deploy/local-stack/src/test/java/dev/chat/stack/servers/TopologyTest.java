package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void aSingleStackKeepsEverythingOnTheLoopbackAddressWithOneCopy() {
        Topology single = Topology.SINGLE;
        assertFalse(single.replicated());
        assertEquals("127.0.0.1", single.address(1));
        assertEquals("cassandra", single.name("cassandra", 1));
        assertEquals("127.0.0.1:19042", single.endpoints(19042));
        assertEquals(1, single.replicationFactor());
        assertEquals(1, single.minInSyncReplicas());
        assertEquals(0, single.cassandraToken(1), "the token data folders made before replicated stacks have");
        assertEquals("{'class': 'SimpleStrategy', 'replication_factor': 1}", single.keyspaceReplication("dc"));
    }

    @Test
    void aReplicatedStackGivesEachNodeAnAddressOfItsOwnAndACopyOfEverything() {
        Topology cluster = Topology.REPLICATED;
        assertTrue(cluster.replicated());
        assertEquals(List.of(1, 2, 3), cluster.nodeNumbers());
        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"), cluster.nodeNumbers().stream().map(cluster::address).toList());
        assertEquals("kafka-2", cluster.name("kafka", 2));
        assertEquals("127.0.0.2:9092,127.0.0.3:9092,127.0.0.4:9092", cluster.endpoints(9092));
        assertEquals(3, cluster.replicationFactor());
        assertEquals(2, cluster.minInSyncReplicas(), "a majority: one node of three may be down");
        assertEquals("{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}", cluster.keyspaceReplication("datacenter1"));
    }

    @Test
    void cassandraTokensSplitTheRingEvenly() {
        Topology cluster = Topology.REPLICATED;
        assertEquals(Long.MIN_VALUE, cluster.cassandraToken(1));
        assertEquals(-3074457345618258603L, cluster.cassandraToken(2));
        assertEquals(3074457345618258602L, cluster.cassandraToken(3));
    }

    @Test
    void refusesNodesItDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> Topology.REPLICATED.address(4));
        assertThrows(IllegalArgumentException.class, () -> Topology.SINGLE.address(0));
        assertThrows(IllegalArgumentException.class, () -> new Topology(0));
    }
}
