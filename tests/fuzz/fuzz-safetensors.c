/* fuzz-safetensors.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-safetensors.h"

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
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;

  if (!initialized)
    {
      g_log_set_default_handler (silence_logs, NULL);
      initialized = TRUE;
    }

  /* The input is the whole file, as lk_safetensors_load() would see it. */
  st = lk_safetensors_parse_header (data, size, size, &error);

  if (st == NULL)
    {
      g_assert (error != NULL && error->domain == LK_SAFETENSORS_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_autofree char *json = lk_safetensors_metadata_to_json (st);
      g_autoptr(GPtrArray) tags = lk_safetensors_dup_top_tags (st, 0);
      g_auto(GStrv) triggers = lk_safetensors_dup_suggested_triggers (st, 8);
      g_autoptr(GDateTime) started = lk_safetensors_dup_training_started (st);
      guint width, height;

      g_assert (error == NULL);
      g_assert (g_utf8_validate (json, -1, NULL));
      g_assert (lk_safetensors_get_header_length (st) + 8 <= size);
      g_assert (g_strv_length (triggers) <= 8);
      g_assert (started == NULL || g_date_time_get_year (started) >= 1970);

      for (guint i = 0; i < tags->len; i++)
        g_assert (g_utf8_validate (((LkTagCount *)g_ptr_array_index (tags, i))->tag, -1, NULL));

      lk_safetensors_get_output_name (st);
      lk_safetensors_get_session_id (st);
      lk_safetensors_get_base_model (st);
      lk_safetensors_get_base_model_family (st);
      lk_safetensors_get_network_dim (st);
      lk_safetensors_get_network_alpha (st);
      lk_safetensors_get_resolution (st, &width, &height);
      lk_safetensors_get_num_epochs (st);
      lk_safetensors_get_epoch (st);
      lk_safetensors_get_steps (st);
    }

  return 0;
}
