package io.ccagent.contracts.ids;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The written-out equals and hashCode of the ids mean what a record's generated ones mean. */
class IdEqualityTest {

    private static final Tenant XYZ = Tenant.of("xyzcorporation.com");
    private static final Tenant OTHER = Tenant.of("other.example.com");

    @Test
    void idsOfEqualPartsAreEqualAndHashAlike() {
        assertEqual(Tenant.of("XYZcorporation.com"), XYZ);
        assertEqual(CallId.of("call-1"), CallId.of(new String("call-1")));
        assertEqual(AgentId.parse("1002@xyzcorporation.com"), AgentId.of("1002", XYZ));
        assertEqual(QueueId.parse("8001@xyzcorporation.com"), QueueId.of("8001", XYZ));
        assertEqual(DeviceId.parse("1002a@xyzcorporation.com"), DeviceId.of("1002a", XYZ));
    }

    @Test
    void idsDifferingInAnyPartDiffer() {
        assertThat(XYZ).isNotEqualTo(OTHER);
        assertThat(CallId.of("call-1")).isNotEqualTo(CallId.of("call-2"));
        assertThat(AgentId.of("1002", XYZ)).isNotEqualTo(AgentId.of("1003", XYZ)).isNotEqualTo(AgentId.of("1002", OTHER));
        assertThat(QueueId.of("8001", XYZ)).isNotEqualTo(QueueId.of("8002", XYZ)).isNotEqualTo(QueueId.of("8001", OTHER));
        assertThat(DeviceId.of("d1", XYZ)).isNotEqualTo(DeviceId.of("d2", XYZ)).isNotEqualTo(DeviceId.of("d1", OTHER));
    }

    @Test
    void idsOfDifferentKindsWithTheSamePartsDiffer() {
        assertThat((Object) AgentId.of("1002", XYZ)).isNotEqualTo(QueueId.of("1002", XYZ));
        assertThat((Object) DeviceId.of("1002", XYZ)).isNotEqualTo(AgentId.of("1002", XYZ));
        assertThat(AgentId.of("1002", XYZ)).isNotEqualTo(null);
    }

    /** Records of the same parts, with the generated hashCode the ids had before it was written out. */
    private record OnePart(String value) {
    }

    private record TwoParts(String name, Tenant tenant) {
    }

    @Test
    void hashCodesAreTheOnesTheGeneratedMethodsGave() {
        assertThat(XYZ.hashCode()).isEqualTo(new OnePart("xyzcorporation.com").hashCode());
        assertThat(CallId.of("call-1").hashCode()).isEqualTo(new OnePart("call-1").hashCode());
        assertThat(AgentId.of("1002", XYZ).hashCode()).isEqualTo(new TwoParts("1002", XYZ).hashCode());
        assertThat(QueueId.of("8001", XYZ).hashCode()).isEqualTo(new TwoParts("8001", XYZ).hashCode());
        assertThat(DeviceId.of("d1", XYZ).hashCode()).isEqualTo(new TwoParts("d1", XYZ).hashCode());
    }

    private static void assertEqual(Object one, Object other) {
        assertThat(one).isEqualTo(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
    }
}
