#pragma once
// ctemplate's dictionary, with the <cstring> its header forgets to include
// (the blank line keeps clang-format from reordering them).
#include <cstring>

#include <ctemplate/template_dictionary.h>
