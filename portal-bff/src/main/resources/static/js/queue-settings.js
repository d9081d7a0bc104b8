// A queue's settings form (templates/queue-settings.html), shared by the queue editor and the office manager's
// "New queue" form: fill it, read it into the API's shape, and show a refusal next to the field it is about.
(function () {
  'use strict';

  function fill(form, q) {
    form.name.value = q.name;
    form.type.value = q.type;
    form.wrapUpSeconds.value = q.wrapUpSeconds;
    form.agentRingTimeoutSeconds.value = q.agentRingTimeoutSeconds;
    form.queueRingTimeoutSeconds.value = q.queueRingTimeoutSeconds;
    form.unansweredAction.value = q.unansweredAction;
    form.unansweredTarget.value = q.unansweredTarget || '';
    form.timeZone.value = q.timeZone;
  }

  function read(form) {
    return {
      name: form.name.value, type: form.type.value, wrapUpSeconds: +form.wrapUpSeconds.value,
      agentRingTimeoutSeconds: +form.agentRingTimeoutSeconds.value,
      queueRingTimeoutSeconds: +form.queueRingTimeoutSeconds.value, unansweredAction: form.unansweredAction.value,
      unansweredTarget: form.unansweredTarget.value || null, timeZone: form.timeZone.value
    };
  }

  // The server names fields as the API does ("settings.wrapUpSeconds must be greater than or equal to 0"): each
  // part of the sentence that starts with a field of this form gets the field's label, and the field is marked.
  function explain(form, message) {
    form.querySelectorAll('[aria-invalid]').forEach(field => field.removeAttribute('aria-invalid'));
    let first = null;
    const text = String(message).split('; ').map(part => part.replace(/^(?:settings\.)?(\w+)(?=[ :])/, (whole, name) => {
      const field = form.elements.namedItem(name);
      const label = field && field.id ? form.querySelector('label[for="' + field.id + '"]') : null;
      if (!label) return whole;
      field.setAttribute('aria-invalid', 'true');
      first = first || field;
      return label.textContent;
    })).join('; ');
    if (first) first.focus();
    return text;
  }

  window.QueueSettings = { fill, read, explain };
})();
