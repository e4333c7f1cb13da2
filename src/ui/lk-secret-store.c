/* lk-secret-store.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "lk-conninfo.h"
#include "lk-secret-store.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lorakeet.Lorakeet.Catalog", SECRET_SCHEMA_NONE,
    {
      { "conninfo", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
append_quoted (GString    *out,
               const char *keyword,
               const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* Rewrites @conninfo in keyword form, leaving out its password and adding @password. */
static char *
rebuild (const char *conninfo,
         char      **old_password,
         const char *password)
{
  PQconninfoOption *options;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!(options = PQconninfoParse (conninfo, NULL)))
    return NULL;

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (g_str_equal (option->keyword, "password"))
        {
          if (old_password != NULL)
            *old_password = g_strdup (option->val);
          continue;
        }
      append_quoted (out, option->keyword, option->val);
    }
  PQconninfoFree (options);

  if (password != NULL && password[0] != '\0')
    append_quoted (out, "password", password);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
lk_secret_store_split_password (const char  *conninfo,
                                char       **password)
{
  g_autofree char *found = NULL;
  g_autofree char *rest = NULL;

  if (password != NULL)
    *password = NULL;
  if (conninfo == NULL || conninfo[0] == '\0')
    return g_strdup (conninfo);

  rest = rebuild (conninfo, &found, NULL);
  if (rest == NULL || found == NULL)
    return g_strdup (conninfo);

  if (password != NULL)
    *password = g_steal_pointer (&found);
  return g_steal_pointer (&rest);
}

char *
lk_secret_store_add_password (const char *conninfo,
                              const char *password)
{
  char *completed;

  if (password == NULL || password[0] == '\0')
    return g_strdup (conninfo);

  completed = rebuild (conninfo ? conninfo : "", NULL, password);
  return completed ? completed : g_strdup (conninfo);
}

/* Looking up ----------------------------------------------------------------------------- */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      char *copy = g_strdup (password);

      secret_password_free (password);
      g_task_return_pointer (task, copy, g_free);
    }
}

void
lk_secret_store_lookup_password_async (const char          *conninfo,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (conninfo != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_secret_store_lookup_password_async);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "conninfo", conninfo, NULL);
}

char *
lk_secret_store_lookup_password_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Storing -------------------------------------------------------------------------------- */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean clearing = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (clearing)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);

  if (error == NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      g_debug ("keyring: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("The password could not be saved: no keyring is running, or it "
                                 "is locked. Unlock it and try again, or put the password in "
                                 "~/.pgpass instead."));
    }
}

void
lk_secret_store_store_password_async (const char          *conninfo,
                                      const char          *password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *where = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (conninfo != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_secret_store_store_password_async);

  if (password == NULL || password[0] == '\0')
    {
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      secret_password_clear (get_schema (), cancellable, stored_cb, task,
                             "conninfo", conninfo, NULL);
      return;
    }

  /* The keyring's own window lists the password under this label. */
  where = lk_conninfo_describe (conninfo);
  /* Translators: the label of the catalog password in the desktop keyring. */
  label = g_strdup_printf (_("Lorakeet studio catalog (%s)"), where);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, stored_cb, task, "conninfo", conninfo, NULL);
}

gboolean
lk_secret_store_store_password_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Completing a connection string --------------------------------------------------------- */

static void
completed_lookup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = lk_secret_store_lookup_password_finish (result, &error);
  const char *conninfo = g_task_get_task_data (task);

  /* No keyring (a bare session, a container) leaves libpq's own ways. */
  if (error != NULL)
    g_debug ("no password from the keyring: %s", error->message);

  g_task_return_pointer (task, lk_secret_store_add_password (conninfo, password), g_free);
}

void
lk_secret_store_complete_conninfo_async (const char          *conninfo,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_secret_store_complete_conninfo_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (conninfo), g_free);

  if (conninfo == NULL || conninfo[0] == '\0')
    {
      g_task_return_pointer (task, g_strdup (conninfo), g_free);
      g_object_unref (task);
      return;
    }

  lk_secret_store_lookup_password_async (conninfo, cancellable, completed_lookup_cb, task);
}

char *
lk_secret_store_complete_conninfo_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
