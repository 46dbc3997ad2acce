{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/category_fields: a category's kind (knowledge base or FAQ)
  and icon, included (as CATEGORY_FIELDS) in the create and rename forms.

  Dictionary contract (the include dictionary):
    PREFIX        makes the element ids unique on the page
    KIND_OPTION   repeated: CODE, LABEL, SELECTED (section)
    ICON_OPTION   repeated: CODE, LABEL, SELECTED (section)
}}<div class="form__field">
<label for="{{PREFIX}}-kind">[[t:kb_admin.categories.kind]]</label>
<select id="{{PREFIX}}-kind" name="kind">
{{#KIND_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/KIND_OPTION}}</select>
</div>
<div class="form__field">
<label for="{{PREFIX}}-icon">[[t:kb_admin.categories.icon]]</label>
<select id="{{PREFIX}}-icon" name="icon">
<option value="">[[t:kb_admin.categories.no_icon]]</option>
{{#ICON_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ICON_OPTION}}</select>
</div>
