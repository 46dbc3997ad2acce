{{%AUTOESCAPE context="HTML"}}
{{!
  pages/account/sessions: "your devices", the user's signed-in sessions, with
  a button to sign out each other one, or all others at once.

  Dictionary contract (the PAGE include dictionary):
    ACCOUNT_NAV    include: pages/account/nav
    CSRF_TOKEN     (template-global) the forms' token
    SESSION        repeated section, most recently used first:
                     ID             the session's id (for the revoke form)
                     DEVICE         "Firefox · Linux", translated when unknown
                     ADDRESS        the client address it was last seen from
                     LAST_SEEN      date of last use, in the user's language and time zone
                     LAST_SEEN_ISO  the same instant, ISO 8601 UTC (for <time datetime>)
                     CURRENT        section: the session of this browser
                     OTHER          section: any other session (can be revoked here)
    HAS_OTHERS     section: there is at least one other session
}}<section class="stack" aria-labelledby="sessions-title">
<h1 id="sessions-title">[[t:account.sessions.heading]]</h1>
{{>ACCOUNT_NAV}}
<p>[[t:account.sessions.intro]]</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:account.sessions.caption]]</caption>
<thead><tr><th scope="col">[[t:account.sessions.device]]</th><th scope="col">[[t:account.sessions.address]]</th><th scope="col">[[t:account.sessions.last_seen]]</th><th scope="col">[[t:account.sessions.action]]</th></tr></thead>
<tbody>
{{#SESSION}}<tr data-session-id="{{ID}}"{{#CURRENT}} data-current="true"{{/CURRENT}}>
<td>{{DEVICE}}{{#CURRENT}} <span class="badge badge--ok">[[t:account.sessions.this_device]]</span>{{/CURRENT}}</td>
<td>{{ADDRESS}}</td>
<td><time datetime="{{LAST_SEEN_ISO}}">{{LAST_SEEN}}</time></td>
<td>{{#OTHER}}<form class="inline-form" method="post" action="/account/sessions/{{ID}}/revoke"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="button button--secondary" type="submit">[[t:account.sessions.revoke]]<span class="visually-hidden"> ({{DEVICE}}, {{ADDRESS}})</span></button></form>{{/OTHER}}{{#CURRENT}}[[t:account.sessions.current_hint]]{{/CURRENT}}</td>
</tr>
{{/SESSION}}</tbody>
</table>
</div>
{{#HAS_OTHERS}}<form method="post" action="/account/sessions/revoke-others">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__actions"><button class="button button--danger" type="submit">[[t:account.sessions.revoke_others]]</button></div>
</form>{{/HAS_OTHERS}}
</section>
