package io.ccagent.portal.callcenter;

/** One line of "My Queues": the queue's settings, the agent's place in it and whether the agent is green there. */
record QueueRow(String queue, String extension, String name, String type, String typeLabel, int priority,
                int wrapUpSeconds, int callersWaiting, boolean loggedIn, boolean available, String reason,
                String reasonText, String until) {
}
