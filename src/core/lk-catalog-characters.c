/* lk-catalog-characters.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lk-base-model.h"
#include "lk-catalog-private.h"

/* Character → project → profile → the character's own current LoRA, in one pass. The
 * current LoRA is looked up for the character's present project only, so a LoRA promoted
 * in another project (or hung on the profile by the studio) is never used. */
#define CHARACTER_COLUMNS \
  "c.id, c.name, c.description, c.project_id, p.name, gp.id, gp.name, " \
  "lm.id, lm.name, COALESCE (lm.model_path, lm.file_path), cl.strength_model, cl.strength_clip"
#define CHARACTER_N_COLUMNS 12
#define CHARACTER_JOINS \
  "FROM characters c " \
  "LEFT JOIN projects p ON p.id = c.project_id " \
  "LEFT JOIN project_profiles pp ON pp.project_id = c.project_id " \
  "LEFT JOIN generation_profiles gp ON gp.id = pp.profile_id " \
  "LEFT JOIN character_loras cl " \
  "  ON cl.character_id = c.id AND cl.project_id = c.project_id AND cl.is_current " \
  "LEFT JOIN ai_models lm ON lm.id = cl.model_id "

static LkCharacter *
character_from_row (const PGresult *res,
                    int             row)
{
  LkCharacter *character = _lk_character_new ();

  _lk_character_set_id (character, _lk_pg_int64 (res, row, 0));
  _lk_character_set_name (character, _lk_pg_str (res, row, 1));
  _lk_character_set_description (character, _lk_pg_str (res, row, 2));
  _lk_character_set_project_id (character, _lk_pg_int64 (res, row, 3));
  _lk_character_set_project_name (character, _lk_pg_str (res, row, 4));
  _lk_character_set_profile_id (character, _lk_pg_int64 (res, row, 5));
  _lk_character_set_profile_name (character, _lk_pg_str (res, row, 6));
  _lk_character_set_has_lora (character, !PQgetisnull (res, row, 7));
  _lk_character_set_lora_model_id (character, _lk_pg_int64 (res, row, 7));
  _lk_character_set_lora_name (character, _lk_pg_str (res, row, 8));
  _lk_character_set_lora_file (character, _lk_pg_str (res, row, 9));
  _lk_character_set_strength_model (character, _lk_pg_double (res, row, 10, 0.0));
  _lk_character_set_strength_clip (character, _lk_pg_double (res, row, 11, 0.0));

  return character;
}

void
_lk_character_update_from (LkCharacter *self,
                           LkCharacter *from)
{
  _lk_character_set_name (self, lk_character_get_name (from));
  _lk_character_set_description (self, lk_character_get_description (from));
  _lk_character_set_project_id (self, lk_character_get_project_id (from));
  _lk_character_set_project_name (self, lk_character_get_project_name (from));
  _lk_character_set_profile_id (self, lk_character_get_profile_id (from));
  _lk_character_set_profile_name (self, lk_character_get_profile_name (from));
  _lk_character_set_has_lora (self, lk_character_get_has_lora (from));
  _lk_character_set_lora_model_id (self, lk_character_get_lora_model_id (from));
  _lk_character_set_lora_name (self, lk_character_get_lora_name (from));
  _lk_character_set_lora_file (self, lk_character_get_lora_file (from));
  _lk_character_set_strength_model (self, lk_character_get_strength_model (from));
  _lk_character_set_strength_clip (self, lk_character_get_strength_clip (from));
}

void
_lk_project_update_from (LkProject *self,
                         LkProject *from)
{
  _lk_project_set_name (self, lk_project_get_name (from));
  _lk_project_set_profile_id (self, lk_project_get_profile_id (from));
  _lk_project_set_profile_name (self, lk_project_get_profile_name (from));
}

/* The listing query, with $1 = a project id or NULL for all (also used by the benchmark). */
const char *
_lk_catalog_characters_sql (void)
{
  return "SELECT " CHARACTER_COLUMNS " " CHARACTER_JOINS
         "WHERE $1::bigint IS NULL OR c.project_id = $1 "
         "ORDER BY p.name, c.name, c.id";
}

GPtrArray *
_lk_catalog_query_characters (PGconn  *conn,
                              gint64   project_id,
                              GError **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autofree char *project = _lk_pg_id_param (project_id);
  const char *values[] = { project };
  GPtrArray *characters;
  int n;

  res = _lk_pg_exec (conn, _lk_catalog_characters_sql (), 1, values, error);
  if (res == NULL)
    return NULL;

  n = PQntuples (res);
  characters = g_ptr_array_new_full (n, g_object_unref);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (characters, character_from_row (res, i));

  return characters;
}

GPtrArray *
_lk_catalog_query_projects (PGconn  *conn,
                            GError **error)
{
  g_autoptr(PGresult) res = NULL;
  GPtrArray *projects;

  res = _lk_pg_exec (conn,
                     "SELECT p.id, p.name, gp.id, gp.name FROM projects p "
                     "LEFT JOIN project_profiles pp ON pp.project_id = p.id "
                     "LEFT JOIN generation_profiles gp ON gp.id = pp.profile_id "
                     "ORDER BY p.name, p.id", 0, NULL, error);
  if (res == NULL)
    return NULL;

  projects = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < PQntuples (res); i++)
    {
      LkProject *project = _lk_project_new ();

      _lk_project_set_id (project, _lk_pg_int64 (res, i, 0));
      _lk_project_set_name (project, _lk_pg_str (res, i, 1));
      _lk_project_set_profile_id (project, _lk_pg_int64 (res, i, 2));
      _lk_project_set_profile_name (project, _lk_pg_str (res, i, 3));
      g_ptr_array_add (projects, project);
    }

  return projects;
}

/* Listing -------------------------------------------------------------------------------- */

static gboolean
list_characters_work (PGconn          *conn,
                      gpointer         task_data,
                      GCancellable    *cancellable,
                      gpointer        *result,
                      GDestroyNotify  *result_free,
                      GError         **error)
{
  g_autoptr(GPtrArray) characters = NULL;

  if (!(characters = _lk_catalog_query_characters (conn, *(gint64 *)task_data, error)))
    return FALSE;

  *result = _lk_catalog_list_store_from (characters, LK_TYPE_CHARACTER);
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_characters_async (LkCatalog           *self,
                                  gint64               project_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_characters_async,
                   g_memdup2 (&project_id, sizeof project_id), g_free,
                   LK_CATALOG_WORK_READ, list_characters_work, cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_characters_finish (LkCatalog     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Finding -------------------------------------------------------------------------------- */

static gboolean
is_row_id (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
find_character_work (PGconn          *conn,
                     gpointer         task_data,
                     GCancellable    *cancellable,
                     gpointer        *result,
                     GDestroyNotify  *result_free,
                     GError         **error)
{
  const char *needle = task_data;
  const char *values[] = { needle };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GString) candidates = NULL;

  if (is_row_id (needle))
    res = _lk_pg_exec (conn, "SELECT " CHARACTER_COLUMNS " " CHARACTER_JOINS
                       "WHERE c.id = $1::bigint", 1, values, error);
  else
    res = _lk_pg_exec (conn, "SELECT " CHARACTER_COLUMNS " " CHARACTER_JOINS
                       "WHERE lower (c.name) = lower ($1) ORDER BY p.name, c.id",
                       1, values, error);
  if (res == NULL)
    return FALSE;

  /* No exact name: a unique partial match ("Mei" → "Mei Kobayashi") is good enough. */
  if (PQntuples (res) == 0 && !is_row_id (needle))
    {
      g_clear_pointer (&res, PQclear);
      res = _lk_pg_exec (conn, "SELECT " CHARACTER_COLUMNS " " CHARACTER_JOINS
                         "WHERE strpos (lower (c.name), lower ($1)) > 0 "
                         "ORDER BY c.name, p.name, c.id LIMIT 50", 1, values, error);
      if (res == NULL)
        return FALSE;
    }

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No character is called “%s”."), needle);
      return FALSE;
    }

  if (PQntuples (res) > 1)
    {
      candidates = g_string_new (NULL);
      for (int i = 0; i < PQntuples (res); i++)
        g_string_append_printf (candidates, "\n  %s (%s, id %s)", _lk_pg_str (res, i, 1),
                                _lk_pg_str (res, i, 4) ? _lk_pg_str (res, i, 4) : _("no project"),
                                _lk_pg_str (res, i, 0));
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_AMBIGUOUS,
                   _("“%s” matches %d characters; give the full name or the id:%s"), needle,
                   PQntuples (res), candidates->str);
      return FALSE;
    }

  *result = character_from_row (res, 0);
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_find_character_async (LkCatalog           *self,
                                 const char          *name_or_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (name_or_id != NULL);

  _lk_catalog_run (self, lk_catalog_find_character_async,
                   g_strstrip (g_strdup (name_or_id)), g_free,
                   LK_CATALOG_WORK_READ, find_character_work, cancellable, callback, user_data);
}

LkCharacter *
lk_catalog_find_character_finish (LkCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Resolving ------------------------------------------------------------------------------ */

#define RESOLVE_PROFILE_COL CHARACTER_N_COLUMNS
#define RESOLVE_CHECKPOINT_COL (RESOLVE_PROFILE_COL + 5)
#define RESOLVE_TEMPLATE_COL (RESOLVE_CHECKPOINT_COL + LK_MODEL_N_COLUMNS)
#define RESOLVE_LORA_COL (RESOLVE_TEMPLATE_COL + 3)
#define RESOLVE_SETS_COL (RESOLVE_LORA_COL + LK_MODEL_N_COLUMNS)
#define RESOLVE_LEGACY_COL (RESOLVE_SETS_COL + 1)

static const char resolve_sql[] =
  "SELECT " CHARACTER_COLUMNS ", "
  "  gp.id, gp.name, gp.checkpoint_id, gp.video_workflow_template_id, gp.lora_id, "
  LK_MODEL_COLUMNS ("ck", "ckd", "ckl") ", "
  "  t.id, t.name, t.workflow_template::text, "
  LK_MODEL_COLUMNS ("lm", "lmd", "lml") ", "
  "  (SELECT json_agg (json_build_object ('id', ts.id, 'name', ts.name, 'words', ts.words) "
  "                    ORDER BY ts.name <> 'base', ts.position, ts.name) "
  "   FROM lora_trigger_sets ts WHERE ts.lineage_id = lmd.lineage_id), "
  "  legacy.name "
  CHARACTER_JOINS
  "LEFT JOIN model_details lmd ON lmd.model_id = lm.id "
  "LEFT JOIN lora_lineages lml ON lml.id = lmd.lineage_id "
  "LEFT JOIN ai_models ck ON ck.id = gp.checkpoint_id "
  "LEFT JOIN model_details ckd ON ckd.model_id = ck.id "
  "LEFT JOIN lora_lineages ckl ON ckl.id = ckd.lineage_id "
  "LEFT JOIN video_workflow_templates t ON t.id = gp.video_workflow_template_id "
  "LEFT JOIN ai_models legacy ON legacy.id = gp.lora_id "
  "WHERE c.id = $1::bigint";

static GListStore *
trigger_sets_from_json (const char *text)
{
  GListStore *store = g_list_store_new (LK_TYPE_TRIGGER_SET);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return store;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(LkTriggerSet) set = _lk_trigger_set_new ();
      g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;
      JsonArray *list;

      if (object == NULL)
        continue;

      _lk_trigger_set_set_id (set, json_object_get_int_member_with_default (object, "id", 0));
      _lk_trigger_set_set_name (set, json_object_get_string_member_with_default (object, "name",
                                                                                NULL));
      list = json_object_get_array_member (object, "words");
      for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
        {
          const char *word = json_array_get_string_element (list, j);

          if (word != NULL)
            g_strv_builder_add (words, word);
        }
      strv = g_strv_builder_end (words);
      _lk_trigger_set_set_words (set, (const char * const *)strv);
      g_list_store_append (store, set);
    }

  return store;
}

static const char *
family_name (const char *family)
{
  const char *name = lk_base_model_family_get_display_name (family);

  return name ? name : family;
}

LkResolution *
_lk_catalog_resolve_sync (PGconn  *conn,
                          gint64   character_id,
                          GError **error)
{
  g_autofree char *id = _lk_pg_int64_param (character_id);
  const char *values[] = { id };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(LkResolution) resolution = _lk_resolution_new ();
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkModel) checkpoint = NULL;
  g_autoptr(LkModel) lora = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autoptr(GListStore) sets = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  const char *legacy_lora;

  if (!(res = _lk_pg_exec (conn, resolve_sql, 1, values, error)))
    return NULL;

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("Character %s is not in the catalog (it may have been deleted)."), id);
      return NULL;
    }

  character = character_from_row (res, 0);
  name = lk_character_get_name (character);
  _lk_resolution_set_character (resolution, character);

  if (lk_character_get_project_id (character) != 0)
    {
      g_autoptr(LkProject) project = _lk_project_new ();

      _lk_project_set_id (project, lk_character_get_project_id (character));
      _lk_project_set_name (project, lk_character_get_project_name (character));
      _lk_project_set_profile_id (project, lk_character_get_profile_id (character));
      _lk_project_set_profile_name (project, lk_character_get_profile_name (character));
      _lk_resolution_set_project (resolution, project);
    }
  else
    g_ptr_array_add (warnings, g_strdup_printf (_("“%s” belongs to no project, so no generation "
                                                  "profile applies. Add the character to a "
                                                  "project."), name));

  if (!PQgetisnull (res, 0, RESOLVE_PROFILE_COL))
    {
      g_autoptr(LkProfile) profile = _lk_profile_new ();

      _lk_profile_set_id (profile, _lk_pg_int64 (res, 0, RESOLVE_PROFILE_COL));
      _lk_profile_set_name (profile, _lk_pg_str (res, 0, RESOLVE_PROFILE_COL + 1));
      _lk_profile_set_checkpoint_id (profile, _lk_pg_int64 (res, 0, RESOLVE_PROFILE_COL + 2));
      _lk_profile_set_template_id (profile, _lk_pg_int64 (res, 0, RESOLVE_PROFILE_COL + 3));
      _lk_profile_set_legacy_lora_id (profile, _lk_pg_int64 (res, 0, RESOLVE_PROFILE_COL + 4));
      _lk_resolution_set_profile (resolution, profile);
    }
  else if (lk_character_get_project_id (character) != 0)
    g_ptr_array_add (warnings, g_strdup_printf (_("Project “%s” has no generation profile. "
                                                  "Choose one for the project before "
                                                  "generating."),
                                                lk_character_get_project_name (character)));

  checkpoint = _lk_catalog_model_from_row (res, 0, RESOLVE_CHECKPOINT_COL);
  _lk_resolution_set_checkpoint (resolution, checkpoint);
  if (checkpoint == NULL && !PQgetisnull (res, 0, RESOLVE_PROFILE_COL))
    g_ptr_array_add (warnings, g_strdup_printf (_("Profile “%s” has no checkpoint."),
                                                _lk_pg_str (res, 0, RESOLVE_PROFILE_COL + 1)));

  if (!PQgetisnull (res, 0, RESOLVE_TEMPLATE_COL))
    {
      template = _lk_catalog_template_new (_lk_pg_int64 (res, 0, RESOLVE_TEMPLATE_COL),
                                           _lk_pg_str (res, 0, RESOLVE_TEMPLATE_COL + 1),
                                           _lk_pg_str (res, 0, RESOLVE_TEMPLATE_COL + 2));
      _lk_resolution_set_template (resolution, template);
      if (lk_template_get_problem (template) != NULL)
        g_ptr_array_add (warnings, g_strdup (lk_template_get_problem (template)));
    }
  else if (!PQgetisnull (res, 0, RESOLVE_PROFILE_COL))
    g_ptr_array_add (warnings, g_strdup_printf (_("Profile “%s” has no workflow template."),
                                                _lk_pg_str (res, 0, RESOLVE_PROFILE_COL + 1)));

  lora = _lk_catalog_model_from_row (res, 0, RESOLVE_LORA_COL);
  _lk_resolution_set_lora (resolution, lora);
  sets = trigger_sets_from_json (_lk_pg_str (res, 0, RESOLVE_SETS_COL));
  _lk_resolution_set_trigger_sets (resolution, G_LIST_MODEL (sets));
  legacy_lora = _lk_pg_str (res, 0, RESOLVE_LEGACY_COL);

  if (lora != NULL)
    {
      const char *lora_family = lk_model_get_base_model (lora);
      const char *checkpoint_family = checkpoint ? lk_model_get_base_model (checkpoint) : NULL;

      _lk_resolution_set_strength_model (resolution, lk_character_get_strength_model (character));
      _lk_resolution_set_strength_clip (resolution, lk_character_get_strength_clip (character));

      if (lora_family != NULL && checkpoint_family != NULL
          && g_strcmp0 (lora_family, checkpoint_family) != 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("LoRA “%s” was trained for %s, but checkpoint “%s” "
                                            "is %s: the character will not look right. Use a "
                                            "LoRA version trained for %s, or another profile."),
                                          lk_model_get_name (lora), family_name (lora_family),
                                          lk_model_get_name (checkpoint),
                                          family_name (checkpoint_family),
                                          family_name (checkpoint_family)));
      if (template != NULL && lk_template_get_lora_loader_node (template) == NULL
          && lk_template_get_problem (template) == NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("Template “%s” has no LoraLoader node, so the LoRA "
                                            "“%s” cannot be applied."),
                                          lk_template_get_name (template),
                                          lk_model_get_name (lora)));
    }
  else
    {
      g_ptr_array_add (warnings, g_strdup_printf (_("“%s” has no LoRA of their own: they will be "
                                                    "generated with the base model only."),
                                                  name));
      if (legacy_lora != NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("The profile carries the LoRA “%s”, which belongs to "
                                            "another character; Lorakeet does not use it for "
                                            "“%s”."), legacy_lora, name));
    }

  g_ptr_array_add (warnings, NULL);
  _lk_resolution_set_warnings (resolution, (const char * const *)warnings->pdata);

  return g_steal_pointer (&resolution);
}

static gboolean
resolve_work (PGconn          *conn,
              gpointer         task_data,
              GCancellable    *cancellable,
              gpointer        *result,
              GDestroyNotify  *result_free,
              GError         **error)
{
  if (!(*result = _lk_catalog_resolve_sync (conn, *(gint64 *)task_data, error)))
    return FALSE;

  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_resolve_async (LkCatalog           *self,
                          gint64               character_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_resolve_async,
                   g_memdup2 (&character_id, sizeof character_id), g_free,
                   LK_CATALOG_WORK_READ, resolve_work, cancellable, callback, user_data);
}

LkResolution *
lk_catalog_resolve_finish (LkCatalog     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
