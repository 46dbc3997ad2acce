{{%AUTOESCAPE context="HTML"}}
{{!
  pages/admin/organisation_status: an admin confirms the deactivation (or the
  reactivation) of an organisation before it happens.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    HEADING         "Deactivate <organisation>?" / "Reactivate <organisation>?", translated
    BACK_URL        the organisation's page
    ACTION          POST target of the confirmation form
    ACTIVE_VALUE    "0" to deactivate, "1" to reactivate
    INTRO           what happens, translated (names the organisation and its member count)
    CONFIRM_LABEL   the label of the box to tick, translated
    DEACTIVATE, REACTIVATE   sections: which of the two this page confirms
    ERROR           section with MESSAGE: the box was not ticked
}}<section class="narrow stack" aria-labelledby="org-status-title">
<h1 id="org-status-title">{{HEADING}}</h1>
<p><a href="{{BACK_URL}}">[[t:admin.organisation.back]]</a></p>
<p>{{INTRO}}</p>
<form class="form card" method="post" action="{{ACTION}}" aria-labelledby="org-status-title">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="active" value="{{ACTIVE_VALUE}}">
{{#ERROR}}<p class="form__error" id="confirm-error">{{MESSAGE}}</p>{{/ERROR}}
<div class="form__field">
<input id="confirm" name="confirm" type="checkbox" value="1" required{{#ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/ERROR}}>
<label for="confirm">{{CONFIRM_LABEL}}</label>
</div>
<div class="form__actions">
{{#DEACTIVATE}}<button class="button button--danger" type="submit">[[t:admin.organisation.deactivate_submit]]</button>{{/DEACTIVATE}}
{{#REACTIVATE}}<button class="button" type="submit">[[t:admin.organisation.reactivate_submit]]</button>{{/REACTIVATE}}
<a href="{{BACK_URL}}">[[t:admin.organisation.cancel]]</a>
</div>
</form>
</section>
