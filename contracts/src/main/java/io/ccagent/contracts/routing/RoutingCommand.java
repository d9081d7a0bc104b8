package io.ccagent.contracts.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.CallId;

/** What the router tells the telephony gateway to do, on {@code routing.commands}; subject is the call id. */
public sealed interface RoutingCommand extends Event permits OfferCall, CancelOffer, ApplyUnansweredAction {

    CallId call();

    @Override
    default String subject() {
        return call().value();
    }
}
