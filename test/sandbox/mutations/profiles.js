'use strict';

const { profileFields } = require('../validate');

function createProfile(app, { userId, body }) {
	const fields = profileFields(body, { create: true });
	const profile = app.store.put('profile', app.store.profiles, {
		id: app.store.nextId('profile'),
		type: 'INDIVIDUAL',
		...fields,
		requiresTemplate: false,
		userIds: [userId],
	});
	app.events.emit('USER_ADDED_TO_PROFILE', {
		userId,
		profileId: profile.id,
		event: { id: profile.id },
	});
	return profile;
}

function updateProfile(app, { profile, body }) {
	for (const [k, v] of Object.entries(profileFields(body, { create: false }))) {
		if (v === undefined) delete profile[k];
		else profile[k] = v;
	}
	for (const userId of profile.userIds) {
		app.events.emit('PROFILE_UPDATED', {
			userId,
			profileId: profile.id,
			event: { id: profile.id },
		});
	}
	return profile;
}

module.exports = { createProfile, updateProfile };
