/* lk-conninfo.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-conninfo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libpq-fe.h>

#include "lk-conninfo.h"

char *
lk_conninfo_describe (const char *conninfo)
{
  PQconninfoOption *options;
  const char *host = NULL;
  const char *port = NULL;
  const char *dbname = NULL;
  const char *service = NULL;
  char *result;

  if (conninfo == NULL)
    return g_strdup (_("Lorakeet’s own database"));

  /* Not echoed: an unparsable string may still hold a password. */
  if ((options = PQconninfoParse (conninfo, NULL)) == NULL)
    return g_strdup (_("an invalid connection string"));

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || o->val[0] == '\0')
        continue;
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "hostaddr") && host == NULL)
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
      else if (g_str_equal (o->keyword, "service"))
        service = o->val;
    }

  if (service != NULL && host == NULL)
    result = g_strdup_printf (_("service “%s”"), service);
  else
    {
      host = host ? host : g_getenv ("PGHOST");
      port = port ? port : g_getenv ("PGPORT");
      dbname = dbname ? dbname : g_getenv ("PGDATABASE");

      if (host == NULL || host[0] == '\0' || host[0] == '/' || host[0] == '@')
        result = dbname ? g_strdup_printf (_("%s on the local socket"), dbname)
                        : g_strdup (_("the local socket"));
      else
        result = g_strdup_printf ("%s:%s%s%s", host, port && *port ? port : "5432",
                                  dbname ? "/" : "", dbname ? dbname : "");
    }

  PQconninfoFree (options);
  return result;
}

gboolean
lk_conninfo_check (const char  *conninfo,
                   GError     **error)
{
  char *reason = NULL;
  g_autofree char *detail = NULL;
  PQconninfoOption *options;

  if (conninfo == NULL)
    return TRUE;

  if ((options = PQconninfoParse (conninfo, &reason)) != NULL)
    {
      PQconninfoFree (options);
      return TRUE;
    }

  detail = g_strstrip (g_strdup (reason ? reason : ""));
  PQfreemem (reason);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The studio catalog connection string is not valid: %s. Correct it in "
                 "Preferences, or clear it to use Lorakeet’s own database."),
               detail);
  return FALSE;
}
