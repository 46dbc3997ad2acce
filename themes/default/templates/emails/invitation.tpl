{{%AUTOESCAPE context="HTML"}}
{{!
  emails/invitation: an invitation to join an organisation. Included in emails/layout as BODY; the plain-text part
  is built from the same sentences in src/web/emails.cpp.

  Dictionary contract (the BODY include dictionary):
    GREETING    "Hello Zoé," (mail.greeting)
    INTRO       mail.invitation.intro (inviter, organisation)
    LINK        absolute URL accepting the invitation
    LINK_LABEL  mail.invitation.link_label
    EXPIRY      mail.invitation.expiry (days)
    IGNORE      mail.invitation.ignore
}}<p>{{GREETING}}</p>
<p>{{INTRO}}</p>
<p style="margin:24px 0"><a href="{{LINK}}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">{{LINK_LABEL}}</a></p>
<p style="font-size:13px;color:#52606d">[[t:mail.link_fallback]]<br><a href="{{LINK}}" style="color:#1f5fbf;word-break:break-all">{{LINK}}</a></p>
<p>{{EXPIRY}}</p>
<p>{{IGNORE}}</p>
