package io.ccagent.harness.system;

import io.ccagent.harness.report.Report;
import io.ccagent.local.DemoSeeder;

/**
 * Seeds the demo tenant with the local runtime's own seeder, but writes each refused call down as a finding and
 * goes on, so a run still measures what works while one service's provisioning API is missing.
 */
public final class TolerantSeeder {

    private final HarnessSystem system;
    private final Report report;

    public TolerantSeeder(HarnessSystem system, Report report) {
        this.system = system;
        this.report = report;
    }

    public void seed() {
        new DemoSeeder(system::url, system.serviceTokens(), (call, reason) -> report.finding("seeding %s answered %s", call,
                reason.length() > 160 ? reason.substring(0, 160) : reason)).seed(system.tenant());
    }
}
