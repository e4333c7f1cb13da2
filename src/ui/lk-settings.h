/* lk-settings.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Key names of the io.github.lorakeet.Lorakeet schema. Only the UI reads GSettings; the core is
 * handed these values. */
#define LK_SETTINGS_WINDOW_WIDTH        "window-width"
#define LK_SETTINGS_WINDOW_HEIGHT       "window-height"
#define LK_SETTINGS_WINDOW_MAXIMIZED    "window-maximized"
#define LK_SETTINGS_DATABASE_CONNINFO   "database-conninfo"
#define LK_SETTINGS_COMFYUI_SERVERS     "comfyui-servers"
#define LK_SETTINGS_OUTPUT_FOLDER       "output-folder"
#define LK_SETTINGS_LORA_FOLDER         "lora-folder"
#define LK_SETTINGS_THUMBNAIL_SIZE      "thumbnail-size"
#define LK_SETTINGS_OUTPUT_NAME_PATTERN "output-name-pattern"
#define LK_SETTINGS_SD_SCRIPTS_FOLDER   "sd-scripts-folder"
#define LK_SETTINGS_SD_SCRIPTS_PYTHON   "sd-scripts-python"
