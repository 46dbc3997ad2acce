{{%AUTOESCAPE context="HTML"}}
{{!
  pages/mfa/recovery_codes: the ten recovery codes, shown once after enrolment
  or regeneration, included as PAGE. The response is never cached (no-store).

  Dictionary contract (the PAGE include dictionary):
    CODE              repeated section, one per code:
                        VALUE   the code ("abcd-efgh-jkmn")
}}<section class="narrow stack" aria-labelledby="codes-title">
<h1 id="codes-title">[[t:mfa.codes.heading]]</h1>
<p>[[t:mfa.codes.intro]]</p>
<ul class="codes" id="recovery-codes">
{{#CODE}}<li><code data-recovery-code="{{VALUE}}">{{VALUE}}</code></li>
{{/CODE}}</ul>
<p class="card">[[t:mfa.codes.store]]</p>
<p><a class="button" href="/account/mfa">[[t:mfa.codes.done]]</a></p>
</section>
