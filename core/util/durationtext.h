#pragma once

#include <QString>

#include <chrono>

// Durations as people read them: "850 ms", "12 s", "15 min", "5 h", "1 h 30 min", "2 d".
namespace DurationText {
QString format(std::chrono::milliseconds duration);
}
