/* lk-cli-train-outfits.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lorakeet-cli train outfit add|remove|list CHARACTER …`: the outfit triggers stored with a
 * character, which every training set of the character trains as concepts of their own. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-catalog-training.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"

static LkTrainingInfo *
read_info (LkCliSession  *session,
           LkCharacter   *character,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_catalog_get_training_info_async (session->catalog, lk_character_get_id (character), NULL,
                                      lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  return lk_catalog_get_training_info_finish (session->catalog, result, error);
}

static int
outfits_list (LkCliContext *ctx,
              LkCliSession *session,
              LkCharacter  *character)
{
  g_autoptr(LkTrainingInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!(info = read_info (session, character, &error)))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < info->outfits->len; i++)
        {
          LkOutfitTrigger *outfit = g_ptr_array_index (info->outfits, i);

          json_builder_begin_object (builder);
          lk_cli_json_add_string (builder, "trigger", outfit->trigger);
          json_builder_set_member_name (builder, "repeats");
          json_builder_add_int_value (builder, outfit->repeats);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      lk_cli_print_builder (builder);
      return LK_CLI_EXIT_OK;
    }

  if (info->outfits->len == 0)
    printf (_("%s has no outfit triggers.\n"), lk_character_get_name (character));
  for (guint i = 0; i < info->outfits->len; i++)
    {
      LkOutfitTrigger *outfit = g_ptr_array_index (info->outfits, i);

      printf (_("%-30s %u repeats\n"), outfit->trigger, outfit->repeats);
    }
  return LK_CLI_EXIT_OK;
}

static int
outfits_add (LkCliSession *session,
             LkCharacter  *character,
             const char   *trigger,
             int           repeats)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_catalog_set_outfit_trigger_async (session->catalog, lk_character_get_id (character),
                                       trigger, (guint)MAX (repeats, 0), NULL, lk_cli_wait_cb,
                                       &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_set_outfit_trigger_finish (session->catalog, result, &error))
    return lk_cli_fail (error);

  printf (_("%s’s outfit trigger “%s” has %d repeats.\n"), lk_character_get_name (character),
          trigger, repeats);
  return LK_CLI_EXIT_OK;
}

static int
outfits_remove (LkCliSession *session,
                LkCharacter  *character,
                const char   *trigger)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_catalog_remove_outfit_trigger_async (session->catalog, lk_character_get_id (character),
                                          trigger, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_remove_outfit_trigger_finish (session->catalog, result, &error))
    return lk_cli_fail (error);

  printf (_("Removed the outfit trigger “%s” of %s.\n"), trigger,
          lk_character_get_name (character));
  return LK_CLI_EXIT_OK;
}

int
lk_cli_train_outfits (LkCliContext  *ctx,
                      int            argc,
                      char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GError) error = NULL;
  int repeats = 10;
  const GOptionEntry entries[] = {
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats,
      N_("Repeats of each image of the outfit (10)"), "N" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries,
                             "outfit add CHARACTER TRIGGER | outfit remove CHARACTER TRIGGER | "
                             "outfit list CHARACTER",
                             _("Store, remove or list a character's outfit triggers")))
    return LK_CLI_EXIT_USAGE;

  /* argv: train outfit VERB CHARACTER [TRIGGER] */
  if (!((argc == 5 && g_str_equal (argv[2], "add"))
        || (argc == 5 && g_str_equal (argv[2], "remove"))
        || (argc == 4 && g_str_equal (argv[2], "list"))))
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli train outfit add CHARACTER TRIGGER "
                            "[--repeats N]\n"
                            "       lorakeet-cli train outfit remove CHARACTER TRIGGER\n"
                            "       lorakeet-cli train outfit list CHARACTER"));
      return LK_CLI_EXIT_USAGE;
    }
  if (repeats < 1 || repeats > 1000)
    {
      g_printerr (_("lorakeet-cli: --repeats goes from 1 to 1000 (not %d).\n"), repeats);
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, argv[3], &error)))
    return lk_cli_fail (error);

  if (g_str_equal (argv[2], "list"))
    return outfits_list (ctx, &session, character);
  if (g_str_equal (argv[2], "remove"))
    return outfits_remove (&session, character, argv[4]);
  return outfits_add (&session, character, argv[4], repeats);
}
