/* fuzz-png-info.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-png-info.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
silence_logs (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialized;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!initialized)
    {
      g_log_set_default_handler (silence_logs, NULL);
      initialized = TRUE;
    }

  info = lk_png_info_parse (data, size, &error);

  if (info == NULL)
    {
      g_assert (error != NULL && error->domain == LK_PNG_INFO_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_auto(GStrv) keys = lk_png_info_dup_keys (info);
      const char * const *warnings = lk_png_info_get_warnings (info);
      guint n_warnings = 0;

      g_assert (error == NULL);
      g_assert (lk_png_info_get_width (info) > 0 && lk_png_info_get_height (info) > 0);

      /* Every key has its text, and all of it is valid UTF-8. */
      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *text = lk_png_info_get_text (info, keys[i]);

          g_assert (text != NULL);
          g_assert (g_utf8_validate (keys[i], -1, NULL));
          g_assert (g_utf8_validate (text, -1, NULL));
        }

      for (; warnings[n_warnings] != NULL; n_warnings++)
        g_assert (g_utf8_validate (warnings[n_warnings], -1, NULL));
      g_assert (n_warnings <= 64);
    }

  return 0;
}
