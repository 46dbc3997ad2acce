#include "domain/kb/article_rows.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace comptoir::kb::rows {
namespace {

constexpr std::size_t kMaxNoteBytes = 500;
constexpr std::size_t kMaxFileNameBytes = 200;

bool has_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// Lower case for ASCII and the Latin-1 capitals (À..Þ but ×), which covers the
// labels of the languages we ship; other scripts keep their case.
std::string lower(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& c = out[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < out.size()) {
            const auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return out;
}

Result<std::vector<std::string>> checked_labels(const std::vector<std::string>& input) {
    std::vector<std::string> labels;
    for (const auto& raw : input) {
        if (!is_valid_utf8(raw)) return fail(ErrorCode::invalid_input, "kb.error.invalid_utf8");
        std::string label = lower(trimmed(raw));
        if (label.empty()) continue;
        if (label.size() > kMaxLabelBytes) return fail(ErrorCode::invalid_input, "kb.error.label_too_long");
        // The column separates labels with commas.
        if (label.find(',') != std::string::npos || has_control(label))
            return fail(ErrorCode::invalid_input, "kb.error.label_invalid");
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
    }
    if (labels.size() > kMaxLabels) return fail(ErrorCode::invalid_input, "kb.error.too_many_labels");
    return labels;
}

}  // namespace

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

Result<TranslationInput> checked_translation(const TranslationInput& input) {
    if (!is_valid_utf8(input.title) || !is_valid_utf8(input.body) || !is_valid_utf8(input.note))
        return fail(ErrorCode::invalid_input, "kb.error.invalid_utf8");
    TranslationInput out;
    out.language = input.language;
    out.title = trimmed(input.title);
    if (out.title.empty()) return fail(ErrorCode::invalid_input, "kb.error.title_required");
    if (out.title.size() > kMaxTitleBytes) return fail(ErrorCode::invalid_input, "kb.error.title_too_long");
    if (has_control(out.title)) return fail(ErrorCode::invalid_input, "kb.error.title_invalid");
    if (trimmed(input.body).empty()) return fail(ErrorCode::invalid_input, "kb.error.body_required");
    if (input.body.size() > kMaxBodyBytes) return fail(ErrorCode::invalid_input, "kb.error.body_too_long");
    out.body = input.body;
    auto labels = checked_labels(input.labels);
    if (!labels) return std::unexpected(labels.error());
    out.labels = std::move(*labels);
    out.note = trimmed(input.note);
    if (out.note.size() > kMaxNoteBytes) return fail(ErrorCode::invalid_input, "kb.error.note_too_long");
    return out;
}

std::string join_labels(std::span<const std::string> labels) {
    std::string out;
    for (const auto& label : labels) {
        if (!out.empty()) out += ',';
        out += label;
    }
    return out;
}

std::vector<std::string> split_labels(std::string_view column) {
    std::vector<std::string> labels;
    while (!column.empty()) {
        const auto comma = column.find(',');
        const auto label = column.substr(0, comma);
        if (!label.empty()) labels.emplace_back(label);
        if (comma == std::string_view::npos) break;
        column.remove_prefix(comma + 1);
    }
    return labels;
}

std::string vocabulary_text(std::string_view title, std::string_view labels_column, std::string_view body_text) {
    std::string labels(labels_column);
    std::replace(labels.begin(), labels.end(), ',', ' ');
    std::string out;
    out.reserve(title.size() + labels.size() + body_text.size() + 2);
    out.append(title).append(" ").append(labels).append(" ").append(body_text);
    return out;
}

Result<std::string> checked_file_name(std::string_view file_name) {
    std::string name = trimmed(file_name);
    if (name.empty() || name.size() > kMaxFileNameBytes || !is_valid_utf8(name) || has_control(name) ||
        name.find_first_of("/\\") != std::string::npos || name == "." || name == "..")
        return fail(ErrorCode::invalid_input, "kb.error.file_name_invalid");
    return name;
}

ArticleSummary read_summary(const storage::Row& row, std::string_view requested, bool staff) {
    ArticleSummary s;
    s.id = row.get<std::int64_t>(0);
    s.section_id = row.get<std::int64_t>(1);
    s.category_id = row.get<std::int64_t>(2);
    s.position = static_cast<int>(row.get<std::int64_t>(3));
    s.language = row.get<std::string>(4);
    s.fallback = s.language != requested;
    s.title = row.get<std::string>(5);
    s.slug = row.get<std::string>(6);
    s.summary = row.get<std::string>(7);
    s.status = parse_status(row.get<std::string>(8)).value_or(Status::draft);
    s.visibility = parse_visibility(row.get<std::string>(9)).value_or(Visibility::internal);
    s.publish_at = row.get_opt<std::int64_t>(10);
    s.updated_at = row.get<std::int64_t>(11);
    s.published_at = row.get_opt<std::int64_t>(12);
    s.view_count = row.get<std::int64_t>(13);
    s.helpful_count = row.get<std::int64_t>(14);
    s.unhelpful_count = row.get<std::int64_t>(15);
    s.outdated = staff && row.get<bool>(16);
    return s;
}

}  // namespace comptoir::kb::rows
