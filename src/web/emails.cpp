#include "web/emails.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <vector>

#include "web/dictionary.hpp"

namespace comptoir::web {
namespace {

using Params = std::map<std::string, std::string>;
using Args = std::vector<std::pair<std::string, render::MessageArg>>;

/// One kind of e-mail: its params and the sentences of its body, in order.
/// Sentence `part` is catalogue key mail.<name>.<part> and HTML value PART;
/// a link param `p` shows as a button labelled mail.<name>.<p>_label.
struct Spec {
    std::string_view name;
    std::vector<std::string_view> params;  // all required
    std::vector<std::string_view> before;  // sentences before the links
    std::vector<std::string_view> links;
    std::vector<std::string_view> after;
    // A param choosing among variants of the subject and of the sentence of the same name.
    std::string_view variant;
    std::vector<std::string_view> variants;
};

const std::vector<Spec>& specs() {
    static const std::vector<Spec> table = {
        {"verify_email", {"name", "link"}, {"intro"}, {"link"}, {"ignore"}, {}, {}},
        {"reset_password", {"name", "link"}, {"intro"}, {"link"}, {"validity", "ignore"}, {}, {}},
        {"invitation",
         {"name", "inviter", "organisation", "link", "days"},
         {"intro"},
         {"link"},
         {"expiry", "ignore"},
         {},
         {}},
        {"change_email", {"name", "link", "new_email"}, {"intro"}, {"link"}, {"ignore"}, {}, {}},
        {"signup_existing",
         {"name", "signin_link", "reset_link"},
         {"intro"},
         {"signin_link", "reset_link"},
         {"ignore"},
         {},
         {}},
        {"security_notice",
         {"name", "event", "when"},
         {"event", "advice"},
         {},
         {},
         "event",
         {"password_changed", "email_changed", "mfa_enabled", "mfa_disabled", "recovery_codes_regenerated",
          "sessions_revoked"}},
    };
    return table;
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

// Links go into href attributes and plain text alike: only absolute web URLs
// without spaces or control characters (ctemplate would turn others into "#").
bool is_web_url(std::string_view url) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
    return std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// "14 May 2024 at 09:05 UTC" in the reader's language, from unix seconds.
std::string when_text(const render::I18n& i18n, std::string_view lang, std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    const auto date = i18n.format_date(lang, std::chrono::system_clock::from_time_t(t), "UTC");
    return i18n.format(lang, "mail.when.format",
                       {{"date", date}, {"time", fmt::format("{:02}:{:02}", tm.tm_hour, tm.tm_min)}});
}

/// Catalogue lookups that fail instead of showing a key: a mail is never half-filled.
class Messages {
  public:
    Messages(const render::I18n& i18n, std::string lang, Args args)
        : i18n_(i18n), lang_(std::move(lang)), args_(std::move(args)) {}

    Result<std::string> operator()(const std::string& key) const {
        if (!i18n_.catalogue(lang_).contains(key))
            return fail(ErrorCode::internal, "mail.invalid", fmt::format("no message {} in language {}", key, lang_));
        return i18n_.format(lang_, key, args_);
    }

  private:
    const render::I18n& i18n_;
    std::string lang_;
    Args args_;
};

Result<Args> arguments(const render::I18n& i18n, std::string_view lang, const Spec& spec, const Params& params,
                       const Site& site) {
    Args args{{"brand", site.brand_name}};
    for (const auto name : spec.params) {
        const auto found = params.find(std::string(name));
        if (found == params.end())
            return fail(ErrorCode::invalid_input, "mail.invalid",
                        fmt::format("e-mail {}: missing param {}", spec.name, name));
        const std::string& value = found->second;
        if (value.empty() && name != "name")
            return fail(ErrorCode::invalid_input, "mail.invalid",
                        fmt::format("e-mail {}: empty param {}", spec.name, name));
        if (std::find(spec.links.begin(), spec.links.end(), name) != spec.links.end() && !is_web_url(value))
            return fail(ErrorCode::invalid_input, "mail.invalid",
                        fmt::format("e-mail {}: param {} is not an absolute http(s) URL", spec.name, name));
        if (name == spec.variant && std::find(spec.variants.begin(), spec.variants.end(), value) == spec.variants.end())
            return fail(ErrorCode::invalid_input, "mail.invalid",
                        fmt::format("e-mail {}: unknown {} \"{}\"", spec.name, name, value));
        if (name == "days") {
            auto days = whole_number(value);
            if (!days)
                return fail(ErrorCode::invalid_input, "mail.invalid",
                            fmt::format("e-mail {}: days is not a whole number", spec.name));
            args.emplace_back("days", *days);
        } else if (name == "when") {
            auto seconds = whole_number(value);
            args.emplace_back("when", seconds ? when_text(i18n, lang, *seconds) : value);
        } else {
            args.emplace_back(std::string(name), value);
        }
    }
    return args;
}

}  // namespace

Result<notify::RenderedEmail> render_email(const render::I18n& i18n, const render::TemplateEngine& templates,
                                           const Site& site, const notify::Email& email) {
    const auto spec =
        std::find_if(specs().begin(), specs().end(), [&](const Spec& s) { return s.name == email.template_name; });
    if (spec == specs().end())
        return fail(ErrorCode::invalid_input, "mail.invalid",
                    fmt::format("unknown e-mail template \"{}\"", email.template_name));
    const std::string body_template = "emails/" + std::string(spec->name);
    if (!templates.has(body_template) || !templates.has("emails/layout"))
        return fail(ErrorCode::internal, "mail.invalid", fmt::format("no template {} or emails/layout", body_template));

    // A language the portal no longer offers falls back to the default one.
    const std::string lang = i18n.supports(email.language) ? email.language : i18n.default_language();
    auto args = arguments(i18n, lang, *spec, email.params, site);
    if (!args) return std::unexpected(args.error());
    const Messages message(i18n, lang, std::move(*args));
    const auto key = [&](std::string_view part) {
        std::string k = fmt::format("mail.{}.{}", spec->name, part);
        if (!spec->variant.empty() && (part == "subject" || part == spec->variant))
            k += "." + email.params.at(std::string(spec->variant));
        return k;
    };

    notify::RenderedEmail out;
    out.to = email.to;
    auto subject = message(key("subject"));
    const auto& name = email.params.at("name");
    auto greeting = message(name.empty() ? "mail.greeting_anonymous" : "mail.greeting");
    auto signature = message("mail.signature");
    auto footer = message("mail.footer");
    for (const auto* part : {&subject, &greeting, &signature, &footer})
        if (!*part) return std::unexpected(part->error());
    out.subject = std::move(*subject);

    ctemplate::TemplateDictionary root("email");
    auto* body = templates.include(root, "BODY", body_template, lang);
    body->SetValue("GREETING", *greeting);
    std::string text = *greeting + "\n\n";

    auto sentences = [&](const std::vector<std::string_view>& parts) -> Result<void> {
        for (const auto part : parts) {
            auto sentence = message(key(part));
            if (!sentence) return std::unexpected(sentence.error());
            body->SetValue(upper(part), *sentence);
            text += *sentence + "\n\n";
        }
        return {};
    };
    if (auto done = sentences(spec->before); !done) return std::unexpected(done.error());
    for (const auto link : spec->links) {
        auto label = message(key(std::string(link) + "_label"));
        if (!label) return std::unexpected(label.error());
        const auto& url = email.params.at(std::string(link));
        body->SetValue(upper(link), url);
        body->SetValue(upper(link) + "_LABEL", *label);
        text += i18n.format(lang, "mail.link_line", {{"label", *label}}) + "\n" + url + "\n\n";
    }
    if (auto done = sentences(spec->after); !done) return std::unexpected(done.error());
    // "-- " on its own line: mail clients know the signature block starts there.
    text += *signature + "\n\n-- \n" + *footer + "\n";
    out.text = std::move(text);

    root.SetValue("LANG", lang);
    root.SetValue("SUBJECT", out.subject);
    root.SetValue("BRAND_NAME", site.brand_name);
    root.SetValue("SIGNATURE", *signature);
    root.SetValue("FOOTER", *footer);
    auto html = templates.render("emails/layout", lang, root);
    if (!html) return std::unexpected(html.error());
    out.html = std::move(*html);
    return out;
}

}  // namespace comptoir::web
