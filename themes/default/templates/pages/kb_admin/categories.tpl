{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/categories: the categories of the knowledge base and the
  FAQ in display order, with their sections; reorder them, open one to
  rename it or manage its sections, or create one.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    KB_NAV          include: pages/kb_admin/nav
    CATEGORY        repeated: CATEGORY_ID, NAME, KIND, ARTICLE_COUNT, ALL_NAMES; sections CATEGORY_UP,
                    CATEGORY_DOWN, NO_SECTIONS, SECTION (repeated: SECTION_NAME, SECTION_ARTICLES)
    NO_CATEGORIES   section
    CREATE          section: the create form — CATEGORY_FIELDS and TEXT_FIELDS includes, FORM_ERROR (MESSAGE)
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-categories-title">
<h1 id="kb-categories-title">[[t:kb_admin.categories.heading]]</h1>
{{#NO_CATEGORIES}}<p>[[t:kb_admin.categories.none]]</p>{{/NO_CATEGORIES}}
<ol class="kb-tree stack">
{{#CATEGORY}}<li class="card" id="category-{{CATEGORY_ID}}" data-category-id="{{CATEGORY_ID}}">
<h2 class="kb-tree__title"><a href="/admin/kb/categories/{{CATEGORY_ID}}">{{NAME}}</a> <span class="badge">{{KIND}}</span></h2>
<p class="kb-muted">{{ALL_NAMES}}</p>
<p>[[t:kb_admin.categories.articles]] {{ARTICLE_COUNT}}</p>
<ul class="kb-sections">
{{#SECTION}}<li>{{SECTION_NAME}} <span class="kb-muted">({{SECTION_ARTICLES}})</span></li>
{{/SECTION}}</ul>
{{#NO_SECTIONS}}<p class="kb-muted">[[t:kb_admin.categories.no_sections]]</p>{{/NO_SECTIONS}}
<div class="form__actions">
<a href="/admin/kb/categories/{{CATEGORY_ID}}">[[t:kb_admin.categories.edit]]<span class="visually-hidden">: {{NAME}}</span></a>
{{#CATEGORY_UP}}<form class="inline-form" method="post" action="/admin/kb/categories/{{CATEGORY_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="up">
<button class="button button--secondary" type="submit">[[t:kb_admin.move_up]]<span class="visually-hidden">: {{NAME}}</span></button>
</form>{{/CATEGORY_UP}}
{{#CATEGORY_DOWN}}<form class="inline-form" method="post" action="/admin/kb/categories/{{CATEGORY_ID}}/move">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="down">
<button class="button button--secondary" type="submit">[[t:kb_admin.move_down]]<span class="visually-hidden">: {{NAME}}</span></button>
</form>{{/CATEGORY_DOWN}}
</div>
</li>
{{/CATEGORY}}</ol>
{{#CREATE}}<form class="form card" method="post" action="/admin/kb/categories" aria-labelledby="kb-category-create-title">
<h2 id="kb-category-create-title">[[t:kb_admin.categories.create_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#FORM_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/FORM_ERROR}}
{{>CATEGORY_FIELDS}}
{{>TEXT_FIELDS}}
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.categories.create]]</button></div>
</form>{{/CREATE}}
</section>
