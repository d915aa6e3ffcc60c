// Deliberately wrong: a store file reaching into the GUI and telephony layers. The
// layering check must reject this directory (tests/CMakeLists.txt expects it to fail).
#include <imgui.h>
#include "telephony/network_address.h"
