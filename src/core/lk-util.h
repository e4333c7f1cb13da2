/* lk-util.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of
 * the GNU General Public License as published by the Free Software Foundation, either version 3
 * of the License, or (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * lk_set_str:
 * @str_ptr: (inout): a pointer to an owned string
 * @new_str: (nullable): the new value
 *
 * Replaces *@str_ptr with a copy of @new_str when they differ. GLib 2.74 has no g_set_str().
 *
 * Returns: %TRUE if the value changed, so the caller notifies.
 */
static inline gboolean
lk_set_str (char       **str_ptr,
            const char  *new_str)
{
  char *copy;

  if (g_strcmp0 (*str_ptr, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_ptr);
  *str_ptr = copy;

  return TRUE;
}

/**
 * lk_format_local_time:
 * @time: (nullable): a moment
 *
 * Returns: (transfer full) (nullable): @time in local time as the user's locale writes a date
 *   and a time, for labels; %NULL for %NULL
 */
static inline char *
lk_format_local_time (GDateTime *time)
{
  GDateTime *local;
  char *text;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  text = g_date_time_format (local, "%x %X");
  g_date_time_unref (local);

  return text;
}

G_END_DECLS
