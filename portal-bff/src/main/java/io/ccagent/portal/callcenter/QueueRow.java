package io.ccagent.portal.callcenter;

import java.util.List;

/**
 * One line of "My Queues": the queue's settings, the agent's place in it and whether the agent is green there;
 * {@code reasons} is every reason it is red (the page needs them to show what is left when a wrap-up runs out).
 */
record QueueRow(String queue, String extension, String name, String type, String typeLabel, int priority,
                int wrapUpSeconds, int callersWaiting, boolean loggedIn, boolean available, String reason,
                String reasonText, List<String> reasons, String until) {
}
