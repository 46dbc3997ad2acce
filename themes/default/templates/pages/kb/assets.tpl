{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/assets: the knowledge base's stylesheet and search-as-you-type
  script, included first by every knowledge-base page and the search page
  (as KB_ASSETS), and the messages the script announces, in the page's
  language. A <link rel=stylesheet> and a module script are allowed in the
  body; the script is an external file, as the Content-Security-Policy asks.

  Dictionary contract (the KB_ASSETS include dictionary):
    KB_CSS_URL   fingerprinted URL of css/kb.css
    KB_JS_URL    fingerprinted URL of js/kb-search.js
}}<link rel="stylesheet" href="{{KB_CSS_URL}}">
<script type="module" src="{{KB_JS_URL}}"></script>
<div id="kb-suggest-messages" hidden data-label="[[t:kb.suggest.label]]" data-none="[[t:kb.suggest.none]]" data-one="[[t:kb.suggest.one]]" data-other="[[t:kb.suggest.other]]" data-hint="[[t:kb.suggest.hint]]"></div>
