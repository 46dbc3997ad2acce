#include "render/templates.hpp"

#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including <cstring>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "render/template_source.hpp"

namespace comptoir::render {

namespace {

// Blank lines only: STRIP_WHITESPACE would also drop line breaks between words ("a\nb" -> "ab").
constexpr ctemplate::Strip kStrip = ctemplate::STRIP_BLANK_LINES;

std::string cache_key(std::string_view lang, std::string_view name) {
    std::string key;
    key.reserve(lang.size() + 1 + name.size());
    key.append(lang).append("/").append(name);
    return key;
}

ctemplate::TemplateString template_string(std::string_view text) {
    return ctemplate::TemplateString(text.data(), text.size());
}

/// Relative name ("pages/home") -> file, earlier theme directories winning.
Result<std::map<std::string, std::filesystem::path>> find_templates(const std::vector<std::filesystem::path>& dirs) {
    std::map<std::string, std::filesystem::path> found;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) {
            return fail(ErrorCode::internal, fmt::format("theme directory {} does not exist", dir.string()));
        }
        const auto root = dir / "templates";
        // A brand directory may override only static assets.
        if (!std::filesystem::is_directory(root, ec)) continue;
        for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file(ec) || it->path().extension() != ".tpl") continue;
            auto name = it->path().lexically_relative(root).replace_extension().generic_string();
            found.emplace(std::move(name), it->path());
        }
        if (ec) return fail(ErrorCode::internal, fmt::format("cannot list {}: {}", root.string(), ec.message()));
    }
    if (found.empty()) return fail(ErrorCode::internal, "no template (*.tpl) found in the theme directories");
    return found;
}

Result<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(ErrorCode::internal, fmt::format("cannot read template {}", file.string()));
    std::ostringstream content;
    content << in.rdbuf();
    return std::move(content).str();
}

}  // namespace

struct TemplateEngine::Impl {
    ctemplate::TemplateCache cache;  // this engine's own, frozen after load
    std::set<std::string, std::less<>> names;
    std::vector<std::string> languages;
    std::string default_language;

    std::string_view language(std::string_view lang) const {
        for (const auto& known : languages) {
            if (known == lang) return known;
        }
        return default_language;
    }
};

Result<std::unique_ptr<TemplateEngine>> TemplateEngine::load(const std::vector<std::filesystem::path>& theme_dirs,
                                                             const I18n& i18n) {
    auto files = find_templates(theme_dirs);
    if (!files) return std::unexpected(files.error());
    auto impl = std::make_unique<Impl>();
    impl->languages = i18n.languages();
    impl->default_language = i18n.default_language();
    for (const auto& [name, file] : *files) {
        auto source = read_file(file);
        if (!source) return std::unexpected(source.error());
        auto context = autoescape_context(*source);
        if (!context) {
            return fail(
                ErrorCode::internal,
                fmt::format("template {} must start with an {{{{%AUTOESCAPE context=\"...\"}}}} line", file.string()));
        }
        for (const auto& lang : impl->languages) {
            auto expanded = expand_translations(*source, *context, i18n.catalogue(lang));
            if (!expanded) {
                return fail(ErrorCode::internal,
                            fmt::format("template {} ({}): {}", file.string(), lang, expanded.error().public_message));
            }
            const auto key = cache_key(lang, name);
            if (!impl->cache.StringToTemplateCache(template_string(key), template_string(*expanded), kStrip)) {
                return fail(ErrorCode::internal, fmt::format("template {} ({}) does not parse (see the ctemplate log)",
                                                             file.string(), lang));
            }
        }
        impl->names.insert(name);
    }
    // Frozen: expansion never touches the disk and runs under a shared lock only.
    impl->cache.Freeze();
    return std::unique_ptr<TemplateEngine>(new TemplateEngine(std::move(impl)));
}

TemplateEngine::TemplateEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TemplateEngine::~TemplateEngine() = default;

bool TemplateEngine::has(std::string_view name) const { return impl_->names.contains(name); }

Result<std::string> TemplateEngine::render(std::string_view name, std::string_view lang,
                                           const ctemplate::TemplateDictionary& dict) const {
    if (!has(name)) return fail(ErrorCode::internal, "page unavailable", fmt::format("no template {}", name));
    const auto key = cache_key(impl_->language(lang), name);
    std::string out;
    out.reserve(16 * 1024);
    if (!impl_->cache.ExpandNoLoad(template_string(key), kStrip, &dict, nullptr, &out)) {
        // Most likely an include whose filename was not set through include().
        return fail(ErrorCode::internal, "page unavailable", fmt::format("expanding template {} failed", key));
    }
    return out;
}

ctemplate::TemplateDictionary* TemplateEngine::include(ctemplate::TemplateDictionary& dict, std::string_view section,
                                                       std::string_view name, std::string_view lang) const {
    auto* included = dict.AddIncludeDictionary(template_string(section));
    included->SetFilename(template_string(cache_key(impl_->language(lang), name)));
    return included;
}

}  // namespace comptoir::render
