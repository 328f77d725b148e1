export { annotateMerge, dotloopApiRequest, dotloopRequest, type DotloopResponse } from './request';
export { type LoopMerge } from './redirect';
export {
	batchSizeFor,
	getAllBatched,
	getAllByCursor,
	getList,
	MAX_BATCH_SIZE,
	type ListBody,
} from './paging';
export { isNotFound } from './errors';
export { retryPolicy } from './retryPolicy';
export { checkTokenBeforeLargeBody, MultipartFileBody, type FileSource } from './multipart';
export {
	listCarriesDetails,
	listedWithDetails,
	loopDetailsOfSummary,
	withListedDetails,
	withLoopDetails,
} from './loopDetails';
