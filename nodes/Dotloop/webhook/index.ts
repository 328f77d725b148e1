export {
	dotloopSignature,
	SIGNATURE_HEADER_PAIRS,
	timestampToMs,
	verifyDotloopSignature,
	type VerificationFailure,
	type VerificationInput,
	type VerificationResult,
} from './signature';
export {
	isSubscriptionNotice,
	parseDotloopDelivery,
	toTriggerItem,
	type DotloopDelivery,
	type ParseResult,
} from './event';
export { ReplayGuard } from './replay';
