#include "http/form_body.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "core/utf8.hpp"
#include "http/text.hpp"

namespace comptoir::http {

bool form_fields_are_utf8(const Request& request) {
    if (request.body.empty()) return true;
    if (auto type = request.headers.get("Content-Type")) {
        auto media = trim(type->substr(0, type->find(';')));
        if (!iequals(media, "application/x-www-form-urlencoded")) return true;  // multipart and JSON check their own
    }
    // Browsers percent-encode every byte outside ASCII, but a raw one would make
    // the whole body unreadable to form_param: refused all the same.
    if (!comptoir::is_valid_utf8(request.body)) return false;
    if (!boost::urls::parse_query(request.body)) return true;  // malformed: form_param finds no field in it
    boost::urls::params_view params(request.body, boost::urls::encoding_opts(true));
    for (auto it = params.begin(); it != params.end(); ++it) {
        auto param = *it;
        if (!comptoir::is_valid_utf8(param.key) || !comptoir::is_valid_utf8(param.value)) return false;
    }
    return true;
}

}  // namespace comptoir::http
