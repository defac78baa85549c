// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title MockSequencerUptimeFeed
/// @notice Chainlink L2 sequencer uptime feed for tests: answer 0 = sequencer up, 1 = down;
///         startedAt = when the status last changed; updatedAt = when the round was written.
///         Round ids are plain 1, 2, 3, ... Deployed with one initial round: up since deployment.
contract MockSequencerUptimeFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    constructor() {
        _record(false, block.timestamp);
    }

    function decimals() external pure override returns (uint8) {
        return 0;
    }

    function description() external pure override returns (string memory) {
        return "L2 Sequencer Uptime Status Feed";
    }

    function version() external pure override returns (uint256) {
        return 1;
    }

    /// @notice Writes a new round: answer = down ? 1 : 0, startedAt as given (the time the status
    ///         changed; may be in the past or 0), updatedAt = block.timestamp.
    function setStatus(bool down, uint256 startedAt) external returns (uint80 roundId) {
        roundId = _record(down, startedAt);
    }

    function getRoundData(uint80 _roundId)
        public
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        require(_roundId != 0 && _roundId <= latestRound, "No data present");
        Round storage r = _rounds[_roundId];
        return (_roundId, r.answer, r.startedAt, r.updatedAt, _roundId);
    }

    function latestRoundData()
        external
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRound);
    }

    function _record(bool down, uint256 startedAt) private returns (uint80 roundId) {
        roundId = latestRound + 1;
        int256 answer = down ? int256(1) : int256(0);
        _rounds[roundId] = Round(answer, startedAt, block.timestamp);
        latestRound = roundId;
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}
