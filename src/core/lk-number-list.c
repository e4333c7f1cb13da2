/* lk-number-list.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Lists of seeds and LoRA strengths as typed by an artist, on the command line or in a
 * window: the validation grid's columns and rows. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-number-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-number-list.h"

static gboolean
parse_list (const char  *text,
            gboolean     seeds,
            GArray      *values,
            GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  guint before = values->len;

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      char *end = NULL;

      /* "1, 2," is a slip of the keyboard, not a mistake worth refusing */
      if (*item == '\0' && items[i + 1] == NULL && i > 0)
        break;

      if (seeds)
        {
          guint64 seed = g_ascii_strtoull (item, &end, 10);

          if (*item != '\0' && *end == '\0' && *item != '-' && *item != '+')
            {
              g_array_append_val (values, seed);
              continue;
            }
        }
      else
        {
          double strength = g_ascii_strtod (item, &end);

          if (*item != '\0' && *end == '\0' && strength >= -10 && strength <= 10)
            {
              g_array_append_val (values, strength);
              continue;
            }
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   seeds ? _("“%s” is not a seed: give whole numbers separated by commas, "
                             "such as 1,2,3")
                         : _("“%s” is not a LoRA strength: give numbers between -10 and 10 "
                             "separated by commas, such as 0.6,0.8,1.0"),
                   item);
      g_array_set_size (values, before);
      return FALSE;
    }

  if (values->len == before)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           seeds ? _("Give at least one seed, such as 1,2,3")
                                 : _("Give at least one LoRA strength, such as 0.6,0.8,1.0"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_number_list_parse_seeds (const char  *text,
                            GArray      *seeds,
                            GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (seeds != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_list (text, TRUE, seeds, error);
}

gboolean
lk_number_list_parse_strengths (const char  *text,
                                GArray      *strengths,
                                GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (strengths != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_list (text, FALSE, strengths, error);
}
