{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/text_fields: a name and a description in every language,
  included (as TEXT_FIELDS) inside the category and section forms. Only the
  default language is required; a language left blank falls back to it.

  Dictionary contract (the include dictionary):
    PREFIX      makes the element ids unique on the page ("new-category", "section-7")
    TEXT_FIELD  repeated: CODE, LANGUAGE_NAME, NAME_VALUE, DESCRIPTION_VALUE, REQUIRED (section)
}}{{#TEXT_FIELD}}<fieldset class="form__field kb-language-fields" lang="{{CODE}}">
<legend>{{LANGUAGE_NAME}}</legend>
<label for="{{PREFIX}}-name-{{CODE}}">[[t:kb_admin.categories.name]]</label>
<input id="{{PREFIX}}-name-{{CODE}}" name="name_{{CODE}}" type="text" value="{{NAME_VALUE}}" maxlength="120"{{#REQUIRED}} required{{/REQUIRED}}>
<label for="{{PREFIX}}-description-{{CODE}}">[[t:kb_admin.categories.description]]</label>
<textarea id="{{PREFIX}}-description-{{CODE}}" name="description_{{CODE}}" rows="2" maxlength="500">{{DESCRIPTION_VALUE:pre_escape}}</textarea>
</fieldset>
{{/TEXT_FIELD}}<p class="form__hint">[[t:kb_admin.categories.languages_hint]]</p>
