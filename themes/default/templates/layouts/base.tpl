{{%AUTOESCAPE context="HTML"}}
{{!
  layouts/base: the frame of every HTML page.

  Dictionary contract (the root dictionary, rendered as "layouts/base"):
    LANG              language of the page ("fr"), also used for <html lang>
    PAGE_TITLE        title of this page, already translated
    BRAND_NAME        the operator's brand name (template-global: header and footer show it too)
    META_DESCRIPTION  one sentence describing the page
    CANONICAL_URL     absolute URL of this page in this language
    ALTERNATE         repeated section, one per language plus "x-default":
                        HREFLANG  "en", "fr", "x-default"
                        HREF      absolute URL of that version
    CSS_URL           fingerprinted URL of css/app.css
    BRAND_CSS_URL     URL of the generated brand.css (overrides the --brand-* properties)
    JS_URL            fingerprinted URL of js/app.js
    SEARCH_JS_URL     fingerprinted URL of js/kb-search.js (search as you type in every site search box)
  Includes, set up with TemplateEngine::include():
    HEADER            partials/header
    PAGE              the page template (pages/home, pages/search, ...)
    FOOTER            partials/footer
  Banners (template-global, set by Page::set_notice / set_error):
    HAS_NOTICE / NOTICE_TEXT, HAS_ERROR / ERROR_TEXT
  ctemplate does not pass a dictionary's values on to its includes: a value
  several templates show (BRAND_NAME, BRAND_LOGO_URL, SEARCH_QUERY, YEAR) must
  be set with SetTemplateGlobalValue, and HAS_LOGO with ShowTemplateGlobalSection.
  No inline script or style: the Content-Security-Policy forbids them.
}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} · {{BRAND_NAME}}</title>
<meta name="description" content="{{META_DESCRIPTION}}">
<link rel="canonical" href="{{CANONICAL_URL}}">
{{#ALTERNATE}}<link rel="alternate" hreflang="{{HREFLANG}}" href="{{HREF}}">
{{/ALTERNATE}}
<link rel="stylesheet" href="{{CSS_URL}}">
<link rel="stylesheet" href="{{BRAND_CSS_URL}}">
<script type="module" src="{{JS_URL}}"></script>
<script type="module" src="{{SEARCH_JS_URL}}"></script>
</head>
<body>
<a class="skip-link" href="#main">[[t:a11y.skip_to_content]]</a>
{{>HEADER}}
<main id="main" class="page" tabindex="-1">
{{#HAS_NOTICE}}<p class="banner banner--notice" role="status">{{NOTICE_TEXT}}</p>{{/HAS_NOTICE}}
{{#HAS_ERROR}}<p class="banner banner--error" role="alert">{{ERROR_TEXT}}</p>{{/HAS_ERROR}}
{{>PAGE}}
</main>
{{>FOOTER}}
</body>
</html>
