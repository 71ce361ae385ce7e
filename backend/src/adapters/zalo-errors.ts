/** An error Zalo answered (HTTP 200 with a negative `error`), with its code kept for the caller's decision. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`Zalo error ${code}: ${message}`);
    this.name = 'ZaloApiError';
  }

  /** -230/-232: the user has not interacted with the OA in 7 days; another channel must carry the message. */
  get windowClosed(): boolean {
    return this.code === -230 || this.code === -232;
  }

  /** Errors that retrying will not fix (zalo-oa.md §1.7): an admin or the citizen must act. */
  get permanent(): boolean {
    return [-201, -204, -205, -211, -213, -219, -221, -223, -224, -227, -233, -240, -244].includes(this.code);
  }
}
