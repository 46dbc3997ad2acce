#pragma once
// ctemplate's dictionary, with the <cstring> its header forgets to include.
#include <cstring>
#include <ctemplate/template_dictionary.h>
