// The alerts module's public surface: what routes, jobs, other modules, the CLI and the benchmark may call.
export { catchUpFeed, DIGEST_BATCH, DIGEST_RANKING, type DigestRun, runDigest } from './digest.service.ts';
export { asksToStop, handleReply, readReplyFile, replySignature } from './replies.service.ts';
export { bindWechat, getSubscription, listDigests, saveSubscription, unsubscribeAccount, unsubscribeByToken, unsubscribeState, wechatAuthorize } from './subscriptions.service.ts';
export { unsubscribeToken } from './tokens.ts';
