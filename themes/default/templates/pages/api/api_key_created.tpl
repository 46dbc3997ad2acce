{{%AUTOESCAPE context="HTML"}}
{{!
  pages/api/api_key_created: the new key, shown this once (the response is
  sent with Cache-Control: no-store).

  Dictionary contract (the PAGE include dictionary):
    KEY_NAME   the key's name
    SCOPES     its scopes, comma-separated
    NEW_KEY    the full key text
}}<section class="stack" aria-labelledby="api-key-created-title">
<h1 id="api-key-created-title">[[t:admin_api.created.heading]]</h1>
<p>[[t:admin_api.created.intro]]</p>
<dl>
<dt>[[t:admin_api.keys.name]]</dt><dd>{{KEY_NAME}}</dd>
<dt>[[t:admin_api.keys.scopes]]</dt><dd>{{SCOPES}}</dd>
<dt><label for="new-api-key">[[t:admin_api.created.key]]</label></dt>
<dd><input id="new-api-key" class="secret" type="text" readonly value="{{NEW_KEY}}" size="82" spellcheck="false" autocomplete="off"></dd>
</dl>
<p>[[t:admin_api.created.usage]] <code>Authorization: Bearer …</code></p>
<p><a class="button" href="/admin/api-keys">[[t:admin_api.created.back]]</a></p>
</section>
