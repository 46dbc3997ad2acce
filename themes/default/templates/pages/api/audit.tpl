{{%AUTOESCAPE context="HTML"}}
{{!
  pages/api/audit: the audit trail for admins, newest first, with filters.

  Dictionary contract (the PAGE include dictionary):
    NOT_VERIFIED    section: the chain not verified by this request (the form that does it)
    CHAIN_OK        section: the whole chain verified; ENTRY_COUNT_TEXT (translated sentence)
    CHAIN_BROKEN    section: BROKEN_TEXT (translated sentence naming the first broken entry)
    F_ORGANISATION, F_ACTION, F_ACTOR, F_FROM, F_TO   the filter values as typed
    TIME_ZONE       the admin's time zone, for the column heading
    ENTRY           repeated section:
                      ID, WHEN (date in the admin's time zone), WHEN_UTC (ISO 8601 UTC),
                      ACTOR, ORGANISATION, ACTION, TARGET, DETAILS, ADDRESS, REQUEST_ID
    HAS_ENTRIES     section around the table
    NO_ENTRIES      section shown when nothing matches
    NEXT            section: NEXT_URL, the link to older entries
}}<section class="stack" aria-labelledby="audit-title">
<h1 id="audit-title">[[t:admin_api.audit.heading]]</h1>
{{#CHAIN_OK}}<p class="banner banner--notice" role="status"><span class="badge badge--ok">[[t:admin_api.audit.chain_ok]]</span> {{ENTRY_COUNT_TEXT}}</p>{{/CHAIN_OK}}
{{#CHAIN_BROKEN}}<p class="banner banner--error" role="alert"><span class="badge badge--warn">[[t:admin_api.audit.chain_broken]]</span> {{BROKEN_TEXT}}</p>{{/CHAIN_BROKEN}}
{{#NOT_VERIFIED}}<form class="inline-form" method="post" action="/admin/audit/verify">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button class="button button--secondary" type="submit" aria-describedby="audit-verify-hint">[[t:admin_api.audit.verify]]</button>
<p class="form__hint" id="audit-verify-hint">[[t:admin_api.audit.verify_hint]]</p>
</form>{{/NOT_VERIFIED}}
<form class="form card" method="get" action="/admin/audit">
<h2>[[t:admin_api.audit.filters]]</h2>
<div class="form__field"><label for="audit-organisation">[[t:admin_api.audit.organisation]]</label>
<input id="audit-organisation" name="organisation" type="text" inputmode="numeric" pattern="[0-9]*" value="{{F_ORGANISATION}}"></div>
<div class="form__field"><label for="audit-action">[[t:admin_api.audit.action]]</label>
<input id="audit-action" name="action" type="text" maxlength="100" value="{{F_ACTION}}" aria-describedby="audit-action-hint">
<p class="form__hint" id="audit-action-hint">[[t:admin_api.audit.action_hint]]</p></div>
<div class="form__field"><label for="audit-actor">[[t:admin_api.audit.actor]]</label>
<input id="audit-actor" name="actor" type="email" maxlength="254" value="{{F_ACTOR}}"></div>
<div class="form__field"><label for="audit-from">[[t:admin_api.audit.from]]</label>
<input id="audit-from" name="from" type="date" value="{{F_FROM}}" aria-describedby="audit-dates-hint"></div>
<div class="form__field"><label for="audit-to">[[t:admin_api.audit.to]]</label>
<input id="audit-to" name="to" type="date" value="{{F_TO}}" aria-describedby="audit-dates-hint">
<p class="form__hint" id="audit-dates-hint">[[t:admin_api.audit.dates_hint]]</p></div>
<div class="form__actions"><button class="button" type="submit">[[t:admin_api.audit.apply]]</button>
<a class="button button--secondary" href="/admin/audit">[[t:admin_api.audit.reset]]</a></div>
</form>
{{#NO_ENTRIES}}<p>[[t:admin_api.audit.none]]</p>{{/NO_ENTRIES}}
{{#HAS_ENTRIES}}<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:admin_api.audit.caption]]</caption>
<thead><tr>
<th scope="col">[[t:admin_api.audit.col_id]]</th>
<th scope="col">[[t:admin_api.audit.col_when]] ({{TIME_ZONE}})</th>
<th scope="col">[[t:admin_api.audit.col_actor]]</th>
<th scope="col">[[t:admin_api.audit.col_organisation]]</th>
<th scope="col">[[t:admin_api.audit.col_action]]</th>
<th scope="col">[[t:admin_api.audit.col_target]]</th>
<th scope="col">[[t:admin_api.audit.col_details]]</th>
<th scope="col">[[t:admin_api.audit.col_address]]</th>
<th scope="col">[[t:admin_api.audit.col_request]]</th>
</tr></thead>
<tbody>
{{#ENTRY}}<tr>
<th scope="row">{{ID}}</th>
<td><time datetime="{{WHEN_UTC}}">{{WHEN}}</time></td>
<td>{{ACTOR}}</td>
<td>{{ORGANISATION}}</td>
<td><code>{{ACTION}}</code></td>
<td>{{TARGET}}</td>
<td><code>{{DETAILS}}</code></td>
<td>{{ADDRESS}}</td>
<td><code>{{REQUEST_ID}}</code></td>
</tr>
{{/ENTRY}}</tbody>
</table>
</div>{{/HAS_ENTRIES}}
{{#NEXT}}<p><a class="button button--secondary" href="{{NEXT_URL}}">[[t:admin_api.audit.older]]</a></p>{{/NEXT}}
</section>
