// The shapes of Slack's ids, for the places that check one before trusting it: configuration
// (ROLECALL_ADMINS, ROLECALL_ADMIN_TEAM), mentions in rendered text, and DMs to subscribers. Imports nothing.

const USER_ID = "[UW][A-Z0-9]{2,}";

/** A user id: U… or, on Enterprise Grid, W… */
export const SLACK_USER_ID = new RegExp(`^${USER_ID}$`);

/** The first user mention in mrkdwn (<@U0123>), with the id as group 1. */
export const SLACK_USER_MENTION = new RegExp(`<@(${USER_ID})>`);

/** A channel id: public (C…), private (G…) or a DM (D…) */
export const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** A workspace (T…) or, for org-wide installs, an Enterprise Grid organisation (E…) */
export const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
