package io.ccagent.stats.rebuild;

import io.ccagent.stats.store.StatsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the projections on start-up when they were written in an older layout, so an upgraded service never
 * serves figures from rows it no longer reads (until the swap, queries read the old generation as before).
 */
@Component
class LayoutUpgrade {

    private static final Logger log = LoggerFactory.getLogger(LayoutUpgrade.class);

    private final StatsStore store;
    private final Rebuilder rebuilder;

    LayoutUpgrade(StatsStore store, Rebuilder rebuilder) {
        this.store = store;
        this.rebuilder = rebuilder;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfOutdated() {
        if (store.layoutOutdated()) {
            log.info("the projections were written in an older layout: rebuilding them from the topics");
            rebuilder.start();
        }
    }
}
