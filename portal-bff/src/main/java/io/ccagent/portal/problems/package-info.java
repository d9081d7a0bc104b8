/**
 * How refusals reach people, beyond what the {@code bad-input} module's one advice answers for every service (the
 * portal's refusals, bad values, invalid or unreadable bodies): Spring MVC's own refusals of the JSON API as problem
 * details, text fields that refuse invisible control characters, and the branded page for requests Tomcat refuses
 * before the application sees them.
 */
package io.ccagent.portal.problems;
