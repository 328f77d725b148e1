export { annotateMerge, dotloopApiRequest, dotloopRequest, type DotloopResponse } from './request';
export { type LoopMerge } from './redirect';
export {
	batchListGoesOn,
	batchPages,
	batchSizeFor,
	cursorPages,
	getAllBatched,
	getAllByCursor,
	getList,
	MAX_BATCH_SIZE,
	type ListBody,
	type ListPage,
} from './paging';
export { retryPolicy } from './retryPolicy';
export { checkTokenBeforeLargeBody, MultipartFileBody, type FileSource } from './multipart';
export {
	listCarriesDetails,
	listedWithDetails,
	loopDetailsOfSummary,
	withListedDetails,
	withLoopDetails,
} from './loopDetails';
