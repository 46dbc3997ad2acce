#include "app/demo_kb.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace comptoir::app {
namespace {

namespace fs = std::filesystem;

std::unexpected<Error> bad_file(const fs::path& file, std::string what) {
    return fail(ErrorCode::invalid_input, "demo knowledge base: " + file.filename().string() + ": " + what);
}

std::string str(const toml::node_view<const toml::node>& node) { return node.value_or(std::string{}); }

/// A `{ fr = "…", en = "…" }` table as language → text.
std::map<std::string, std::string> per_language(const toml::node_view<const toml::node>& node) {
    std::map<std::string, std::string> out;
    if (const auto* table = node.as_table())
        for (const auto& [language, value] : *table) out[std::string(language.str())] = value.value_or(std::string{});
    return out;
}

std::vector<kb::LocalText> local_texts(const toml::node_view<const toml::node>& item) {
    auto names = per_language(item["name"]);
    auto descriptions = per_language(item["description"]);
    std::vector<kb::LocalText> texts;
    for (const auto& [language, name] : names) texts.push_back({language, name, descriptions[language]});
    return texts;
}

/// Replaces `(kb:<key>)` link destinations by `(kb:<id>)` for the keys known
/// so far; returns whether every such link was resolved.
bool resolve_links(std::string& body, const std::map<std::string, std::int64_t>& ids) {
    bool complete = true;
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t start = body.find("](kb:", pos);
        if (start == std::string::npos) break;
        std::size_t key_begin = start + 5;
        std::size_t end = body.find(')', key_begin);
        if (end == std::string::npos) break;
        std::string key = body.substr(key_begin, end - key_begin);
        out.append(body, pos, key_begin - pos);
        auto found = ids.find(key);
        if (found != ids.end()) {
            out += std::to_string(found->second);
        } else {
            out += key;
            if (!std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); })) complete = false;
        }
        pos = end;
    }
    out.append(body, pos);
    body = std::move(out);
    return complete;
}

struct PendingArticle {
    std::int64_t id = 0;
    std::string source;
    std::map<std::string, std::string> titles, bodies;
    std::map<std::string, std::vector<std::string>> labels;
};

std::vector<std::string> string_list(const toml::node_view<const toml::node>& node) {
    std::vector<std::string> out;
    if (const auto* array = node.as_array())
        for (const auto& item : *array) out.push_back(item.value_or(std::string{}));
    return out;
}

}  // namespace

Result<DemoKbCounts> load_demo_knowledge_base(const fs::path& dir, kb::CatalogueService& catalogue,
                                              kb::ArticleService& articles, const accounts::Principal& author) {
    DemoKbCounts counts;
    kb::Reader staff{&author};
    auto existing = catalogue.categories(staff, author.language);
    if (!existing) return std::unexpected(existing.error());
    if (!existing->empty()) {
        counts.already_loaded = true;
        return counts;
    }

    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (ec) return fail(ErrorCode::invalid_input, "demo knowledge base: cannot read " + dir.string(), ec.message());
    std::sort(files.begin(), files.end());

    accounts::RequestMeta meta{"127.0.0.1", "comptoir seed-demo", "seed-demo", ""};
    std::map<std::string, std::int64_t> ids;  // article key → id
    std::vector<PendingArticle> unresolved;

    for (const auto& file : files) {
        toml::table doc;
        try {
            doc = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            return bad_file(file, std::string(e.description()));
        }
        const toml::node_view<const toml::node> root{doc};
        kb::CategoryInput category;
        auto kind = kb::parse_category_kind(str(root["category"]["kind"]));
        if (!kind) return bad_file(file, "category.kind must be kb or faq");
        category.kind = *kind;
        category.icon = str(root["category"]["icon"]);
        category.texts = local_texts(root["category"]);
        auto category_id = catalogue.create_category(author, category, meta);
        if (!category_id)
            return bad_file(file, category_id.error().public_message + " " + category_id.error().internal_detail);
        ++counts.categories;

        const auto* sections = root["sections"].as_array();
        if (!sections) return bad_file(file, "no [[sections]]");
        for (const auto& section_node : *sections) {
            const toml::node_view<const toml::node> section{section_node};
            auto section_id = catalogue.create_section(author, {*category_id, local_texts(section)}, meta);
            if (!section_id)
                return bad_file(file, section_id.error().public_message + " " + section_id.error().internal_detail);
            const auto* list = section["articles"].as_array();
            if (!list) continue;
            for (const auto& article_node : *list) {
                const toml::node_view<const toml::node> item{article_node};
                std::string key = str(item["key"]);
                PendingArticle pending;
                pending.source = str(item["source"]);
                pending.titles = per_language(item["title"]);
                pending.bodies = per_language(item["body"]);
                if (const auto* table = item["labels"].as_table())
                    for (const auto& [language, value] : *table)
                        pending.labels[std::string(language.str())] =
                            string_list(toml::node_view<const toml::node>{value});
                if (!pending.titles.contains(pending.source))
                    return bad_file(file, key + ": no title in its source language");

                kb::NewArticle article;
                article.settings.section_id = *section_id;
                auto visibility = kb::parse_visibility(item["visibility"].value_or(std::string("public")));
                if (!visibility) return bad_file(file, key + ": unknown visibility");
                article.settings.visibility = *visibility;
                bool complete = true;
                auto text_for = [&](const std::string& language) {
                    kb::TranslationInput text{language, pending.titles[language], pending.bodies[language],
                                              pending.labels[language], ""};
                    complete = resolve_links(text.body, ids) && complete;
                    return text;
                };
                article.text = text_for(pending.source);
                auto id = articles.create(author, article, meta);
                if (!id)
                    return bad_file(file, key + ": " + id.error().public_message + " " + id.error().internal_detail);
                ids[key] = *id;
                pending.id = *id;
                ++counts.articles;
                ++counts.translations;
                for (const auto& [language, title] : pending.titles) {
                    if (language == pending.source) continue;
                    auto saved = articles.save_translation(author, *id, text_for(language), meta);
                    if (!saved) return bad_file(file, key + " (" + language + "): " + saved.error().public_message);
                    ++counts.translations;
                }
                auto status = kb::parse_status(item["status"].value_or(std::string("published")));
                if (!status) return bad_file(file, key + ": unknown status");
                if (*status == kb::Status::review || *status == kb::Status::published) {
                    if (auto r = articles.transition(author, *id, *status, meta); !r)
                        return bad_file(file, key + ": " + r.error().public_message);
                }
                if (!complete) unresolved.push_back(std::move(pending));
            }
        }
    }

    // Links to articles that came later in the files: saved again once every id is known.
    // The source language goes first: saving it flags the others outdated, saving them clears it.
    for (auto& pending : unresolved) {
        std::vector<std::string> order{pending.source};
        for (const auto& [language, title] : pending.titles)
            if (language != pending.source) order.push_back(language);
        for (const auto& language : order) {
            const std::string& title = pending.titles[language];
            std::string body = pending.bodies[language];
            if (body.find("](kb:") == std::string::npos) continue;
            if (!resolve_links(body, ids))
                return fail(ErrorCode::invalid_input, "demo knowledge base: a kb: link names an unknown article");
            kb::TranslationInput text{language, title, body, pending.labels[language], "links"};
            if (auto r = articles.save_translation(author, pending.id, text, meta); !r)
                return std::unexpected(r.error());
        }
    }
    return counts;
}

}  // namespace comptoir::app
