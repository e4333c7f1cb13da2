/* lk-cli-catalog.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"
#include "lk-local-server.h"
#include "lk-migrator.h"
#include "lk-trigger-set.h"

void
lk_cli_wait_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkCliWait *wait = user_data;

  wait->result = g_object_ref (result);
  if (wait->loop != NULL)
    g_main_loop_quit (wait->loop);
}

GAsyncResult *
lk_cli_wait_run (LkCliWait *wait)
{
  if (wait->result == NULL)
    {
      wait->loop = g_main_loop_new (NULL, FALSE);
      g_main_loop_run (wait->loop);
      g_clear_pointer (&wait->loop, g_main_loop_unref);
    }
  return wait->result;
}

void
lk_cli_session_clear (LkCliSession *session)
{
  if (session->catalog != NULL)
    lk_catalog_close (session->catalog);
  g_clear_object (&session->catalog);
  if (session->server != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!lk_local_server_stop_sync (session->server, &error))
        g_printerr ("lorakeet-cli: %s\n", error->message);
    }
  g_clear_object (&session->server);
  g_clear_pointer (&session->conninfo, g_free);
}

static int
exit_code_for (const GError *error)
{
  if (error->domain == LK_LOCAL_SERVER_ERROR)
    return LK_CLI_EXIT_USAGE;
  if (error->domain == LK_CATALOG_ERROR
      && (error->code == LK_CATALOG_ERROR_UNREACHABLE
          || error->code == LK_CATALOG_ERROR_SCHEMA_OUTDATED))
    return LK_CLI_EXIT_USAGE;
  return LK_CLI_EXIT_FAILED;
}

int
lk_cli_fail (const GError *error)
{
  lk_cli_print_error (error);
  return exit_code_for (error);
}

gboolean
lk_cli_session_connect (LkCliSession  *session,
                        LkCliContext  *ctx,
                        GError       **error)
{
  if (ctx->conninfo != NULL)
    {
      session->conninfo = g_strdup (ctx->conninfo);
      return TRUE;
    }

  {
    LkCliWait wait = LK_CLI_WAIT_INIT;
    g_autoptr(GAsyncResult) result = NULL;

    session->server = lk_local_server_new (NULL);
    lk_local_server_start_async (session->server, NULL, lk_cli_wait_cb, &wait);
    result = lk_cli_wait_run (&wait);
    if (!lk_local_server_start_finish (session->server, result, error))
      {
        g_clear_object (&session->server);
        return FALSE;
      }
    session->conninfo = g_strdup (lk_local_server_get_conninfo (session->server));
  }

  return TRUE;
}

gboolean
lk_cli_session_open (LkCliSession        *session,
                     LkCliContext        *ctx,
                     LkCatalogOpenFlags   flags,
                     GError             **error)
{
  LkCliWait wait = LK_CLI_WAIT_INIT;
  g_autoptr(GAsyncResult) result = NULL;

  if (!lk_cli_session_connect (session, ctx, error))
    return FALSE;

  session->catalog = lk_catalog_new (session->conninfo);
  lk_catalog_open_async (session->catalog, flags, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_open_finish (session->catalog, result, error))
    return FALSE;

  if (lk_catalog_get_read_only (session->catalog) && lk_catalog_get_notice (session->catalog))
    g_printerr ("lorakeet-cli: %s\n", lk_catalog_get_notice (session->catalog));

  return TRUE;
}

LkCharacter *
lk_cli_find_character (LkCliSession  *session,
                       const char    *name,
                       GError       **error)
{
  LkCliWait wait = LK_CLI_WAIT_INIT;
  g_autoptr(GAsyncResult) result = NULL;

  lk_catalog_find_character_async (session->catalog, name, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  return lk_catalog_find_character_finish (session->catalog, result, error);
}

/* JSON helpers --------------------------------------------------------------------------- */

void
lk_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
lk_cli_json_add_time (JsonBuilder *builder,
                      const char  *name,
                      GDateTime   *time)
{
  g_autofree char *text = time ? g_date_time_format_iso8601 (time) : NULL;

  lk_cli_json_add_string (builder, name, text);
}

char *
lk_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

void
lk_cli_json_add_strv (JsonBuilder        *builder,
                      const char         *name,
                      const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

void
lk_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  lk_cli_print_json (root);
}

/* db ------------------------------------------------------------------------------------- */

static int
db_status (LkCliContext *ctx)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCatalogStatus) status = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (!lk_cli_session_connect (&session, ctx, &error))
    return lk_cli_fail (error);

  session.catalog = lk_catalog_new (session.conninfo);
  lk_catalog_get_status_async (session.catalog, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(status = lk_catalog_get_status_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "server", status->server);
      lk_cli_json_add_string (builder, "server_version", status->server_version);
      lk_cli_json_add_string (builder, "database", status->database);
      lk_cli_json_add_string (builder, "user", status->user);
      json_builder_set_member_name (builder, "embedded");
      json_builder_add_boolean_value (builder, session.server != NULL);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, status->schema_version);
      json_builder_set_member_name (builder, "latest_version");
      json_builder_add_int_value (builder, status->latest_version);
      lk_cli_json_add_strv (builder, "pending", (const char * const *)status->pending);
      json_builder_set_member_name (builder, "read_only");
      json_builder_add_boolean_value (builder, status->read_only);
      json_builder_set_member_name (builder, "projects");
      json_builder_add_int_value (builder, status->n_projects);
      json_builder_set_member_name (builder, "characters");
      json_builder_add_int_value (builder, status->n_characters);
      json_builder_set_member_name (builder, "loras");
      json_builder_add_int_value (builder, status->n_loras);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
      return LK_CLI_EXIT_OK;
    }

  printf (_("Catalog:   %s, database %s, user %s%s\n"), status->server, status->database,
          status->user, session.server ? _(" (Lorakeet's own database)") : "");
  printf (_("Server:    PostgreSQL %s\n"), status->server_version);
  if (status->schema_version > status->latest_version)
    printf (_("Schema:    version %d, newer than this Lorakeet (%d): read-only\n"),
            status->schema_version, status->latest_version);
  else if (status->pending && status->pending[0])
    {
      g_autofree char *pending = g_strjoinv (", ", status->pending);

      printf (_("Schema:    version %d; pending: %s (run “lorakeet-cli db migrate”)\n"),
              status->schema_version, pending);
    }
  else
    printf (_("Schema:    version %d, up to date\n"), status->schema_version);
  if (status->n_projects >= 0)
    printf (_("Contents:  projects: %lld, characters: %lld, LoRA files: %lld\n"),
            (long long)status->n_projects, (long long)status->n_characters,
            (long long)status->n_loras);

  return LK_CLI_EXIT_OK;
}

static int
db_migrate (LkCliContext *ctx)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkMigrator) migrator = lk_migrator_new (NULL);
  g_auto(GStrv) applied = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (!lk_migrator_load (migrator, &error) || !lk_cli_session_connect (&session, ctx, &error))
    return lk_cli_fail (error);

  lk_migrator_migrate_async (migrator, session.conninfo, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(applied = lk_migrator_migrate_finish (migrator, result, &error)))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lk_cli_json_add_strv (builder, "applied", (const char * const *)applied);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, lk_migrator_get_latest_version (migrator));
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else if (applied[0] == NULL)
    printf (_("The catalog is up to date (schema version %d).\n"),
            lk_migrator_get_latest_version (migrator));
  else
    for (guint i = 0; applied[i]; i++)
      printf (_("Applied %s\n"), applied[i]);

  return LK_CLI_EXIT_OK;
}

static int
db_demo (LkCliContext *ctx)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_MIGRATE, &error))
    return lk_cli_fail (error);

  lk_catalog_install_demo_async (session.catalog, NULL, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_install_demo_finish (session.catalog, result, &error))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "installed");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    printf ("%s\n", _("The demo studio is in the catalog: “Tokyo Debt Desire” and “Cyberpunk "
                      "Goblin Slayer”, five characters, Mei Kobayashi with her LoRA."));

  return LK_CLI_EXIT_OK;
}

int
lk_cli_db (LkCliContext  *ctx,
           int            argc,
           char         **argv)
{
  if (!lk_cli_parse_options (ctx, &argc, &argv, NULL, "status|migrate|demo",
                             _("Show, migrate or fill the studio catalog")))
    return LK_CLI_EXIT_USAGE;

  if (argc == 2 && g_str_equal (argv[1], "status"))
    return db_status (ctx);
  if (argc == 2 && g_str_equal (argv[1], "migrate"))
    return db_migrate (ctx);
  if (argc == 2 && g_str_equal (argv[1], "demo"))
    return db_demo (ctx);

  g_printerr ("%s\n", _("Usage: lorakeet-cli db status|migrate|demo"));
  return LK_CLI_EXIT_USAGE;
}
