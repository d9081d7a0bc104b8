/**
 * How refusals reach people: API refusals as problem details with a sentence to show (validation, unreadable values,
 * the portal's own refusals), text fields that refuse invisible control characters, and the branded page for
 * requests Tomcat refuses before the application sees them.
 */
package io.ccagent.portal.problems;
