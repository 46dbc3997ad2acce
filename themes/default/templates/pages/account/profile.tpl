{{%AUTOESCAPE context="HTML"}}
{{!
  pages/account/profile: the signed-in user's profile and preferences form
  (works without JavaScript).

  Dictionary contract (the PAGE include dictionary):
    ACCOUNT_NAV        include: pages/account/nav
    CSRF_TOKEN         (template-global) the form's token
    EMAIL              the account's e-mail address (changed on the security page)
    DISPLAY_NAME, PHONE, POSTAL_ADDRESS, BILLING_ADDRESS   the values shown in the fields
    LANGUAGE_CHOICE    repeated section, one per language: CODE, NAME (its own name), SELECTED (section)
    TIME_ZONE_CHOICE   repeated section, one per zone: NAME (IANA id), SELECTED (section)
    NOTIFY_UPDATES, NOTIFY_NEWS   sections: the boxes are ticked
    <FIELD>_ERROR      sections (DISPLAY_NAME, PHONE, POSTAL_ADDRESS, BILLING_ADDRESS,
                       LANGUAGE, TIME_ZONE) with MESSAGE, the translated problem of that field
}}<section class="stack" aria-labelledby="profile-title">
<h1 id="profile-title">[[t:account.profile.heading]]</h1>
{{>ACCOUNT_NAV}}
<form class="form card" method="post" action="/account">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:account.profile.email_label]] <strong>{{EMAIL}}</strong> · <a href="/account/security">[[t:account.profile.email_change_link]]</a></p>
<div class="form__field">
<label for="display_name">[[t:account.profile.name]]</label>
<input id="display_name" name="display_name" type="text" value="{{DISPLAY_NAME}}" maxlength="100" required autocomplete="name"{{#DISPLAY_NAME_ERROR}} aria-invalid="true" aria-describedby="display_name-error"{{/DISPLAY_NAME_ERROR}}>
{{#DISPLAY_NAME_ERROR}}<p class="form__error" id="display_name-error">{{MESSAGE}}</p>{{/DISPLAY_NAME_ERROR}}
</div>
<div class="form__field">
<label for="phone">[[t:account.profile.phone]]</label>
<input id="phone" name="phone" type="tel" value="{{PHONE}}" maxlength="30" autocomplete="tel" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
<p class="form__hint" id="phone-hint">[[t:account.profile.phone_hint]]</p>
{{#PHONE_ERROR}}<p class="form__error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
<div class="form__field">
<label for="postal_address">[[t:account.profile.postal_address]]</label>
<textarea id="postal_address" name="postal_address" rows="4" maxlength="500" autocomplete="street-address"{{#POSTAL_ADDRESS_ERROR}} aria-invalid="true" aria-describedby="postal_address-error"{{/POSTAL_ADDRESS_ERROR}}>{{POSTAL_ADDRESS:pre_escape}}</textarea>
{{#POSTAL_ADDRESS_ERROR}}<p class="form__error" id="postal_address-error">{{MESSAGE}}</p>{{/POSTAL_ADDRESS_ERROR}}
</div>
<div class="form__field">
<label for="billing_address">[[t:account.profile.billing_address]]</label>
<textarea id="billing_address" name="billing_address" rows="4" maxlength="500" aria-describedby="billing_address-hint{{#BILLING_ADDRESS_ERROR}} billing_address-error{{/BILLING_ADDRESS_ERROR}}"{{#BILLING_ADDRESS_ERROR}} aria-invalid="true"{{/BILLING_ADDRESS_ERROR}}>{{BILLING_ADDRESS:pre_escape}}</textarea>
<p class="form__hint" id="billing_address-hint">[[t:account.profile.billing_address_hint]]</p>
{{#BILLING_ADDRESS_ERROR}}<p class="form__error" id="billing_address-error">{{MESSAGE}}</p>{{/BILLING_ADDRESS_ERROR}}
</div>
<div class="form__field">
<label for="language">[[t:account.profile.language]]</label>
<select id="language" name="language"{{#LANGUAGE_ERROR}} aria-invalid="true" aria-describedby="language-error"{{/LANGUAGE_ERROR}}>
{{#LANGUAGE_CHOICE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE_CHOICE}}</select>
{{#LANGUAGE_ERROR}}<p class="form__error" id="language-error">{{MESSAGE}}</p>{{/LANGUAGE_ERROR}}
</div>
<div class="form__field">
<label for="time_zone">[[t:account.profile.time_zone]]</label>
<select id="time_zone" name="time_zone" aria-describedby="time_zone-hint{{#TIME_ZONE_ERROR}} time_zone-error{{/TIME_ZONE_ERROR}}"{{#TIME_ZONE_ERROR}} aria-invalid="true"{{/TIME_ZONE_ERROR}}>
{{#TIME_ZONE_CHOICE}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/TIME_ZONE_CHOICE}}</select>
<p class="form__hint" id="time_zone-hint">[[t:account.profile.time_zone_hint]]</p>
{{#TIME_ZONE_ERROR}}<p class="form__error" id="time_zone-error">{{MESSAGE}}</p>{{/TIME_ZONE_ERROR}}
</div>
<fieldset class="form__field">
<legend class="form__legend">[[t:account.profile.notifications]]</legend>
<div class="form__check"><input id="notify_updates" name="notify_updates" type="checkbox" value="1"{{#NOTIFY_UPDATES}} checked{{/NOTIFY_UPDATES}}><label for="notify_updates">[[t:account.profile.notify_updates]]</label></div>
<div class="form__check"><input id="notify_news" name="notify_news" type="checkbox" value="1"{{#NOTIFY_NEWS}} checked{{/NOTIFY_NEWS}}><label for="notify_news">[[t:account.profile.notify_news]]</label></div>
</fieldset>
<div class="form__actions"><button class="button" type="submit">[[t:account.profile.submit]]</button></div>
</form>
</section>
