{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/category: one category — rename it (every language), delete
  it (refused while it has sections), and its sections in order, each with
  its articles in order, move buttons, a rename form and a delete button.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    KB_NAV        include: pages/kb_admin/nav
    CATEGORY_ID, NAME
    RENAME        section: CATEGORY_FIELDS and TEXT_FIELDS includes, FORM_ERROR (MESSAGE)
    DELETE        section: FORM_ERROR (MESSAGE)
    SECTION       repeated: SECTION_ID, SECTION_NAME, ALL_NAMES, TEXT_FIELDS include; sections SECTION_UP,
                  SECTION_DOWN, OPEN (its rename form re-shown), FORM_ERROR (MESSAGE), NO_ARTICLES,
                  CATEGORY_OPTION (repeated: OPTION_ID, OPTION_NAME, SELECTED),
                  ARTICLE (repeated: ARTICLE_ID, TITLE, TITLE_LANGUAGE, URL, STATUS, STATUS_CODE,
                           ARTICLE_UP, ARTICLE_DOWN)
    NO_SECTIONS   section
    NEW_SECTION   section: TEXT_FIELDS include, FORM_ERROR (MESSAGE)
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-category-title">
<h1 id="kb-category-title">{{NAME}}</h1>
<p><a href="/admin/kb/categories">[[t:kb_admin.category.back]]</a></p>
<h2 id="kb-sections-title">[[t:kb_admin.category.sections_heading]]</h2>
{{#NO_SECTIONS}}<p>[[t:kb_admin.category.no_sections]]</p>{{/NO_SECTIONS}}
<ol class="kb-tree stack" aria-labelledby="kb-sections-title">
{{#SECTION}}<li class="card stack" id="section-{{SECTION_ID}}" data-section-id="{{SECTION_ID}}">
<h3 class="kb-tree__title">{{SECTION_NAME}}</h3>
<p class="kb-muted">{{ALL_NAMES}}</p>
<div class="form__actions">
{{#SECTION_UP}}<form class="inline-form" method="post" action="/admin/kb/sections/{{SECTION_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="up">
<button class="button button--secondary" type="submit">[[t:kb_admin.move_up]]<span class="visually-hidden">: {{SECTION_NAME}}</span></button>
</form>{{/SECTION_UP}}
{{#SECTION_DOWN}}<form class="inline-form" method="post" action="/admin/kb/sections/{{SECTION_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="down">
<button class="button button--secondary" type="submit">[[t:kb_admin.move_down]]<span class="visually-hidden">: {{SECTION_NAME}}</span></button>
</form>{{/SECTION_DOWN}}
<form class="inline-form" method="post" action="/admin/kb/sections/{{SECTION_ID}}/delete">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button class="button button--danger" type="submit">[[t:kb_admin.category.delete_section]]<span class="visually-hidden">: {{SECTION_NAME}}</span></button>
</form>
</div>
{{#FORM_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/FORM_ERROR}}
<h4>[[t:kb_admin.category.articles_heading]]</h4>
{{#NO_ARTICLES}}<p class="kb-muted">[[t:kb_admin.category.no_articles]]</p>{{/NO_ARTICLES}}
<ol class="kb-article-order">
{{#ARTICLE}}<li data-article-id="{{ARTICLE_ID}}"><a href="{{URL}}" lang="{{TITLE_LANGUAGE}}">{{TITLE}}</a> <span class="badge kb-status kb-status--{{STATUS_CODE}}">{{STATUS}}</span>
{{#ARTICLE_UP}}<form class="inline-form" method="post" action="/admin/kb/articles/{{ARTICLE_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="up">
<button class="button button--link" type="submit">[[t:kb_admin.move_up]]<span class="visually-hidden">: {{TITLE}}</span></button>
</form>{{/ARTICLE_UP}}
{{#ARTICLE_DOWN}}<form class="inline-form" method="post" action="/admin/kb/articles/{{ARTICLE_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="down">
<button class="button button--link" type="submit">[[t:kb_admin.move_down]]<span class="visually-hidden">: {{TITLE}}</span></button>
</form>{{/ARTICLE_DOWN}}
</li>
{{/ARTICLE}}</ol>
<details{{#OPEN}} open{{/OPEN}}>
<summary>[[t:kb_admin.category.rename_section]]<span class="visually-hidden">: {{SECTION_NAME}}</span></summary>
<form class="form" method="post" action="/admin/kb/sections/{{SECTION_ID}}">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="section-{{SECTION_ID}}-category">[[t:kb_admin.category.section_category]]</label>
<select id="section-{{SECTION_ID}}-category" name="category_id">
{{#CATEGORY_OPTION}}<option value="{{OPTION_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OPTION_NAME}}</option>
{{/CATEGORY_OPTION}}</select>
</div>
{{>TEXT_FIELDS}}
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.category.save_section]]</button></div>
</form>
</details>
</li>
{{/SECTION}}</ol>
{{#NEW_SECTION}}<form class="form card" method="post" action="/admin/kb/categories/{{CATEGORY_ID}}/sections" aria-labelledby="kb-section-create-title">
<h2 id="kb-section-create-title">[[t:kb_admin.category.new_section_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#FORM_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/FORM_ERROR}}
{{>TEXT_FIELDS}}
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.category.create_section]]</button></div>
</form>{{/NEW_SECTION}}
{{#RENAME}}<form class="form card" method="post" action="/admin/kb/categories/{{CATEGORY_ID}}" aria-labelledby="kb-category-rename-title">
<h2 id="kb-category-rename-title">[[t:kb_admin.category.rename_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#FORM_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/FORM_ERROR}}
{{>CATEGORY_FIELDS}}
{{>TEXT_FIELDS}}
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.category.save]]</button></div>
</form>{{/RENAME}}
{{#DELETE}}<form class="form card" method="post" action="/admin/kb/categories/{{CATEGORY_ID}}/delete" aria-labelledby="kb-category-delete-title">
<h2 id="kb-category-delete-title">[[t:kb_admin.category.delete_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:kb_admin.category.delete_hint]]</p>
{{#FORM_ERROR}}<p class="form__error" role="alert" data-delete-refused>{{MESSAGE}}</p>{{/FORM_ERROR}}
<div class="form__actions"><button class="button button--danger" type="submit">[[t:kb_admin.category.delete]]</button></div>
</form>{{/DELETE}}
</section>
