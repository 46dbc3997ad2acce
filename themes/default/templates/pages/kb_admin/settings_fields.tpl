{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/settings_fields: what is common to every language of an
  article (section, visibility, organisations, scheduled publication),
  included inside a form: the new-article form and the settings form.

  Dictionary contract (the include dictionary):
    NO_SECTION_SELECTED  section: no section chosen yet (the placeholder option is selected)
    CATEGORY_GROUP       repeated: LABEL (category name), and
                           SECTION_OPTION repeated: SECTION_ID, NAME, SELECTED (section)
    VISIBILITY_OPTION    repeated: CODE, LABEL, HINT, CHECKED (section)
    ORGANISATION_OPTION  repeated: ORG_ID, ORG_NAME, SELECTED (section)
    PUBLISH_AT           datetime-local value in the author's time zone, or empty
    TIME_ZONE_HINT       the hint naming that time zone
}}<div class="form__field">
<label for="kb-section">[[t:kb_admin.settings.section]]</label>
<select id="kb-section" name="section_id" required>
<option value=""{{#NO_SECTION_SELECTED}} selected{{/NO_SECTION_SELECTED}}>[[t:kb_admin.settings.section_choose]]</option>
{{#CATEGORY_GROUP}}<optgroup label="{{LABEL}}">
{{#SECTION_OPTION}}<option value="{{SECTION_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/SECTION_OPTION}}</optgroup>
{{/CATEGORY_GROUP}}</select>
</div>
<fieldset class="form__field kb-visibility">
<legend>[[t:kb_admin.settings.visibility]]</legend>
{{#VISIBILITY_OPTION}}<div class="form__check">
<input type="radio" id="kb-visibility-{{CODE}}" name="visibility" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}} aria-describedby="kb-visibility-{{CODE}}-hint">
<label for="kb-visibility-{{CODE}}">{{LABEL}}</label>
<p class="form__hint" id="kb-visibility-{{CODE}}-hint">{{HINT}}</p>
</div>
{{/VISIBILITY_OPTION}}</fieldset>
<div class="form__field">
<label for="kb-organisations">[[t:kb_admin.settings.organisations]]</label>
<select id="kb-organisations" name="organisation" multiple size="5" aria-describedby="kb-organisations-hint">
{{#ORGANISATION_OPTION}}<option value="{{ORG_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{ORG_NAME}}</option>
{{/ORGANISATION_OPTION}}</select>
<p class="form__hint" id="kb-organisations-hint">[[t:kb_admin.settings.organisations_hint]]</p>
</div>
<div class="form__field">
<label for="kb-publish-at">[[t:kb_admin.settings.publish_at]]</label>
<input id="kb-publish-at" name="publish_at" type="datetime-local" value="{{PUBLISH_AT}}" aria-describedby="kb-publish-at-hint">
<p class="form__hint" id="kb-publish-at-hint">{{TIME_ZONE_HINT}}</p>
</div>
