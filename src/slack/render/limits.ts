// Slack's Block Kit limits in one place. Renderers clamp to these so Slack never answers invalid_blocks.
// https://docs.slack.dev/reference/block-kit/blocks

export const SLACK_LIMITS = Object.freeze({
  /** blocks in one message */
  blocksPerMessage: 50,
  /** blocks in one App Home or modal view */
  blocksPerView: 100,
  /** characters in a section block's text */
  sectionText: 3000,
  /** fields in one section block */
  sectionFields: 10,
  /** characters in one section field */
  fieldText: 2000,
  /** characters in a header block's plain text */
  headerText: 150,
  /** elements in a context block */
  contextElements: 10,
  /** characters in one context element */
  contextText: 3000,
  /** elements in an actions block */
  actionsElements: 25,
  /** characters of a button's label */
  buttonText: 75,
  /** characters of a button's value */
  buttonValue: 2000,
  /** rows in a table block, its header row included */
  tableRows: 100,
  /** cells in one row of a table block */
  tableCells: 20,
  /** characters of an action_id or block_id */
  actionId: 255,
  /**
   * Our own cap on the characters of mrkdwn on one page of an answer. Slack accepts more, but very long
   * messages are hard to read and risk msg_blocks_too_long; the rest is one "Show more" away.
   */
  pageText: 12_000,
  /** Our own cap on the notification/fallback text; Slack truncates at 40,000. */
  fallbackText: 3000,
});
