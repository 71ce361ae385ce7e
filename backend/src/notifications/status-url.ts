/** The citizen's status page for a case, with the access key (links in acknowledgements and the API reply). */
export function statusUrl(publicUrl: string, trackingCode: string, accessKey: string): string {
  return `${publicUrl.replace(/\/$/, '')}/track?code=${encodeURIComponent(trackingCode)}&key=${encodeURIComponent(accessKey)}`;
}
