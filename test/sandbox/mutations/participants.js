'use strict';

const { participantFields } = require('../validate');
const { actorName, touch, profileEvent } = require('./common');

// Participant changes raise LOOP_PARTICIPANT_* and LOOP_UPDATED (docs: "Multiple Event Types").
function emit(app, type, loop, participantId) {
	profileEvent(app, type, loop, { participantId });
	profileEvent(app, 'LOOP_UPDATED', loop);
}

function addParticipant(app, { loop, userId, body, actor }) {
	const fields = participantFields(body, { create: true });
	const p = app.store.put('participant', app.store.participants, {
		id: app.store.nextId('participant'),
		loopId: loop.id,
		...fields,
	});
	loop.participantIds.push(p.id);
	touch(
		loop,
		`${actorName(app, userId, actor)} added ${p.fullName || p.email || 'a participant'} as ${p.role}`,
	);
	emit(app, 'LOOP_PARTICIPANT_CREATED', loop, p.id);
	return p;
}

function updateParticipant(app, { loop, participant, userId, body, actor }) {
	const fields = participantFields(body, { create: false });
	for (const [k, v] of Object.entries(fields)) {
		if (v === undefined) delete participant[k];
		else participant[k] = v;
	}
	touch(
		loop,
		`${actorName(app, userId, actor)} updated participant ${participant.fullName || participant.email || participant.id}`,
	);
	emit(app, 'LOOP_PARTICIPANT_UPDATED', loop, participant.id);
	return participant;
}

function removeParticipant(app, { loop, participant, userId, actor }) {
	app.store.participants.delete(participant.id);
	loop.participantIds = loop.participantIds.filter((id) => id !== participant.id);
	touch(
		loop,
		`${actorName(app, userId, actor)} removed ${participant.fullName || participant.email || 'a participant'} from the loop`,
	);
	emit(app, 'LOOP_PARTICIPANT_DELETED', loop, participant.id);
}

module.exports = { addParticipant, updateParticipant, removeParticipant };
